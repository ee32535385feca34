using System.Globalization;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
    /// <summary>The replay journal's file name in <see cref="DaemonOptions.StateDirectory"/>.</summary>
    public const string SpaReplayFile = "spa-replay";

    /// <summary>
    /// Reject lines a second at most: one a packet for fail2ban, but a flood of spoofed sources (each passing the kernel's
    /// per-source limit) would otherwise write the journal as fast as it floods. Beyond it lines are counted and the count
    /// is logged at most once a second (<c>event=spa-reject-suppressed</c>).
    /// </summary>
    private const int SpaRejectLinesPerSecond = 1000;

    private readonly Dictionary<string, SpaVerifier> _spa = new(StringComparer.Ordinal);
    private SpaReplayCache? _replay;
    private LineBudget? _rejectLines;
    private long _suppressedLoggedAt;
    private long _lastOverruns;
    private long _overrunsLoggedAt;

    /// <summary>
    /// Opens the replay journal (one for all doors, so a packet accepted by one door is a replay at every other) and one
    /// verifier per SPA door. Called before anything is applied: a journal that cannot be opened stops the start.
    /// </summary>
    /// <exception cref="IOException">The state directory or the journal cannot be created, read or written.</exception>
    private void OpenSpa()
    {
        if (_config.SpaDoors.Count == 0)
        {
            return;
        }

        string path = Path.Combine(_options.StateDirectory, SpaReplayFile);
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                throw new IOException("SPA doors need Linux");
            }

            if (!Directory.Exists(_options.StateDirectory))
            {
                Directory.CreateDirectory(_options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            _replay = new SpaReplayCache(path, _options.Time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the SPA replay journal {path}: {e.Message} (see --state-dir)", e);
        }

        foreach (SpaDoor door in _config.SpaDoors)
        {
            _spa.TryAdd(door.Name, new SpaVerifier(door, _replay, _options.Time));
        }

        WarmUpSpa();
    }

    /// <summary>
    /// Runs the verifier's paths — a grant, a wrong key, junk — on a throwaway door with a throwaway key and an in-memory
    /// replay cache, so that the first real packet does not pay for the JIT (measured: the first verification took
    /// milliseconds, the later ones microseconds). Touches neither the journal nor the kernel.
    /// </summary>
    private void WarmUpSpa()
    {
        SpaKeys keys = SpaKeys.Generate();
        var port = new SpaPort(IpProtocols.Tcp, 1);
        var door = new SpaDoor("warm-up")
        {
            Users = [new SpaUser("warm-up", keys) { Ports = [port] }],
            PortLists = [new SpaPortList(port, "warm-up")],
        };
        using var replay = new SpaReplayCache(_options.Time);
        var verifier = new SpaVerifier(door, replay, _options.Time);
        var other = new SpaVerifier(door with { Users = [new SpaUser("warm-up", SpaKeys.Generate()) { Ports = [port] }] }, replay, _options.Time);
        for (int i = 0; i < 40; i++)
        {
            byte[] packet = System.Text.Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("warm-up", "0.0.0.0", [port], null, _options.Time), keys));
            _ = verifier.Verify(IpFamily.V4, 1, packet);
            _ = verifier.Verify(IpFamily.V4, 1, packet);
            _ = other.Verify(IpFamily.V6, 1, packet);
            _ = verifier.Verify(IpFamily.V4, 1, packet.AsSpan(0, 8));
        }
    }

    private void CloseSpa() => _replay?.Dispose();

    /// <summary>
    /// One packet to an SPA door, on the NFLOG thread (a verification takes microseconds). The source is the IP header's:
    /// the address the kernel's rate limit and the reject line name. A grant is one transaction adding the address to
    /// the list of every granted port, with the verdict's time, refreshing an entry that is there.
    /// </summary>
    private void HandleSpa(IpFamily family, int index, FilterRule rule, UInt128 sourceAddress, ReadOnlySpan<byte> payload)
    {
        if (rule.SpaDoor is not { } doorName || !_spa.TryGetValue(doorName, out SpaVerifier? verifier))
        {
            return;
        }

        IpRange source = IpRange.Host(family, sourceAddress);
        long started = _options.Time.GetTimestamp();
        SpaVerdict verdict;
        try
        {
            verdict = verifier.Verify(family, sourceAddress, payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The verifier does not throw on packet content; a journal it cannot write (disk full) or a bug must not end
            // the daemon. Nothing is granted: closed.
            _log.SpaVerifyFailed(doorName, source, e.Message);
            return;
        }

        if (!verdict.Granted || verdict.Address is not { } address)
        {
            SpaReject(doorName, source, verdict.Reason ?? SpaRejectReason.Format, verdict.Detail ?? "no address to open", verdict.User);
            return;
        }

        TimeSpan openFor = verdict.OpenFor;
        TimeSpan verified = _options.Time.GetElapsedTime(started);
        int errno;
        try
        {
            errno = Grant(verdict.Lists, address, openFor);
        }
        catch (NftException e)
        {
            _log.SpaGrantFailed(doorName, source, address, e.Message);
            return;
        }

        if (errno != 0)
        {
            if (NftErrno.Classify(errno) == NftError.SetFull)
            {
                foreach (string list in verdict.Lists)
                {
                    SetFull(address.Family, list);
                }
            }
            else
            {
                _log.SpaGrantFailed(doorName, source, address, string.Create(CultureInfo.InvariantCulture, $"the kernel refused the grant (errno {errno})"));
            }

            return;
        }

        foreach (string list in verdict.Lists)
        {
            Report(list, address, openFor, address.Family, index, "spa");
        }

        Metrics.SpaGranted();
        _log.SpaGrant(doorName, verdict.User, source, address, string.Join(',', verdict.Ports), openFor, verified, _options.Time.GetElapsedTime(started) - verified);
    }

    /// <summary>
    /// The grant as one nf_tables transaction over the daemon's netlink socket — add, delete, add for each list, so an
    /// address already there gets the new time (a plain add keeps the old one) — rather than a libnftables call, which
    /// parses JSON and reads the ruleset's cache first: the grant is on the path from the SPA packet to the connect.
    /// Returns 0 or the errno of the refused message (the transaction then changed nothing).
    /// </summary>
    private int Grant(EquatableArray<string> lists, IpRange address, TimeSpan openFor) =>
        _elements!.Write(NftNames.Table, [.. lists.SelectMany(list => NftElementWrite.Refreshing(NftNames.HostSet(address.Family, list), address, openFor))]);

    private LineBudget RejectLines => _rejectLines ??= new LineBudget(_options.Time, SpaRejectLinesPerSecond);

    private void SpaReject(string door, IpRange source, SpaRejectReason reason, string detail, string? user)
    {
        Metrics.SpaRejected(reason);
        if (!RejectLines.TryTake())
        {
            return;
        }

        FlushSuppressedRejects();
        _log.SpaReject(door, source, ReasonName(reason), detail, user);
    }

    /// <summary>Logs how many reject lines the budget left out, at most once a second.</summary>
    private void FlushSuppressedRejects()
    {
        long now = _options.Time.GetTimestamp();
        if (RejectLines.Suppressed > 0 && _options.Time.GetElapsedTime(_suppressedLoggedAt, now) >= TimeSpan.FromSeconds(1))
        {
            _suppressedLoggedAt = now;
            _log.SpaRejectsSuppressed(RejectLines.TakeSuppressed(), string.Create(CultureInfo.InvariantCulture, $"more SPA rejects than {SpaRejectLinesPerSecond} a second; these were not logged one by one"));
        }
    }

    /// <summary>ENOBUFS on the NFLOG socket: the kernel dropped packets the daemon never saw (SPA packets among them). Logged at most every 10 s.</summary>
    private void CheckOverruns()
    {
        long overruns = _nflog!.Overruns;
        Metrics.NflogOverruns(overruns);
        long now = _options.Time.GetTimestamp();
        if (overruns == _lastOverruns || (_overrunsLoggedAt != 0 && _options.Time.GetElapsedTime(_overrunsLoggedAt, now) < TimeSpan.FromSeconds(10)))
        {
            return;
        }

        _log.NflogOverruns(overruns, overruns - _lastOverruns, "the kernel dropped NFLOG messages (receive buffer full): reports and SPA packets were lost");
        _lastOverruns = overruns;
        _overrunsLoggedAt = now;
    }

    private static string ReasonName(SpaRejectReason reason) => reason switch
    {
        SpaRejectReason.Hmac => "hmac",
        SpaRejectReason.Decrypt => "decrypt",
        SpaRejectReason.Format => "format",
        SpaRejectReason.Stale => "stale",
        SpaRejectReason.Replay => "replay",
        _ => "denied",
    };
}
