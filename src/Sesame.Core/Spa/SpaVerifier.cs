using System.Text;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Spa;

/// <summary>
/// Decides one SPA door's packets, in this order: length and base64 sanity; the HMAC of each user stanza whose sources
/// hold the packet's source, in constant time, before any decryption; decrypt; parse; the timestamp within the door's
/// window; the digest not in the replay cache (recorded there on acceptance); the message type (access or
/// client-timeout access); the requested ports allowed for that key; the address to open (the source, or the payload's
/// when the door allows it). Never throws on packet content. Not thread-safe: one verifier per thread.
/// </summary>
/// <remarks>
/// <para>A junk or wrong-key packet costs one HMAC per candidate stanza and allocates nothing (the verdicts for those
/// paths are shared instances). Only an authenticated packet allocates: its message, its verdict.</para>
/// <para>Addresses: <c>0.0.0.0</c> (fwknop's <c>-s</c>) and <c>::</c> (the same for a Sesame client over IPv6) mean the
/// packet's source, unless <see cref="SpaDoor.RequireAddress"/>. The source itself named explicitly is always allowed;
/// any other address, of either family, only with <see cref="SpaDoor.AllowAddress"/>.</para>
/// <para>A stanza with no ports may open nothing; the profile compiler gives a stanza without its own ports the door's.</para>
/// </remarks>
public sealed class SpaVerifier
{
    private const int MaxDetailText = 160;

    private static readonly SpaVerdict NotSpa = SpaVerdict.Reject(SpaRejectReason.Hmac, "not an SPA packet (length or characters)");
    private static readonly SpaVerdict NoKey = SpaVerdict.Reject(SpaRejectReason.Hmac, "no key's HMAC matches");

    private readonly SpaReplayCache _replay;
    private readonly TimeProvider _time;

    public SpaVerifier(SpaDoor door, SpaReplayCache replay, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(door);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(time);
        Door = door;
        _replay = replay;
        _time = time;
    }

    public SpaDoor Door { get; }

    /// <summary>Verifies the UDP payload <paramref name="payload"/> that came from <paramref name="source"/>.</summary>
    public SpaVerdict Verify(IpFamily family, UInt128 source, ReadOnlySpan<byte> payload)
    {
        if (!SpaPacket.IsSane(payload))
        {
            return NotSpa;
        }

        SpaUser? user = null;
        foreach (SpaUser candidate in Door.Users)
        {
            if (SourceMatches(candidate, family, source) && SpaPacket.HmacMatches(payload, candidate.Keys))
            {
                user = candidate;
                break;
            }
        }

        if (user is null)
        {
            return NoKey;
        }

        SpaRejectReason? reason = SpaPacket.TryDecrypt(payload, user.Keys, out SpaMessage? message, out string detail);
        if (reason is not null || message is null)
        {
            return SpaVerdict.Reject(reason ?? SpaRejectReason.Format, detail, user.Name);
        }

        return Decide(user, message, family, source);
    }

    private SpaVerdict Decide(SpaUser user, SpaMessage message, IpFamily family, UInt128 source)
    {
        string request = $"user '{Sanitize(message.User)}' asks {Sanitize(SpaPacket.AccessRequest(message.AccessAddress, message.Ports))}";
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        long skew = message.Timestamp - now;
        if (Math.Abs(skew) > (long)Door.Window.TotalSeconds)
        {
            return SpaVerdict.Reject(
                SpaRejectReason.Stale,
                $"{request}: timestamp {(skew < 0 ? $"{-skew} s old" : $"{skew} s in the future")}, window {(long)Door.Window.TotalSeconds} s",
                user.Name);
        }

        ReadOnlySpan<byte> digest = message.Digest.AsImmutableArray().AsSpan();
        if (_replay.Contains(digest))
        {
            return SpaVerdict.Reject(SpaRejectReason.Replay, $"{request}: this packet was accepted before", user.Name);
        }

        switch (message.Type)
        {
            case SpaMessageType.Access:
            case SpaMessageType.ClientTimeoutAccess:
                break;
            case SpaMessageType.Command:
                return SpaVerdict.Reject(SpaRejectReason.Denied, $"user '{Sanitize(message.User)}' sent a command message; commands are refused", user.Name);
            default:
                return SpaVerdict.Reject(SpaRejectReason.Denied, $"{request}: NAT access messages (type {(int)message.Type}) are refused", user.Name);
        }

        var lists = new List<string>(message.Ports.Count);
        var ports = new List<SpaPort>(message.Ports.Count);
        foreach (SpaPort port in message.Ports)
        {
            if (ports.Contains(port))
            {
                continue;
            }

            string? list = ListOf(port);
            if (!user.Ports.Contains(port) || list is null)
            {
                return SpaVerdict.Reject(SpaRejectReason.Denied, $"{request}: {port} is not a port this key may open", user.Name);
            }

            ports.Add(port);
            if (!lists.Contains(list))
            {
                lists.Add(list);
            }
        }

        if (!TryChooseAddress(message.AccessAddress, family, source, out IpRange address, out string? refusal))
        {
            return SpaVerdict.Reject(refusal.StartsWith("the request's", StringComparison.Ordinal) ? SpaRejectReason.Format : SpaRejectReason.Denied, $"{request}: {refusal}", user.Name);
        }

        TimeSpan openFor = OpenFor(user, message);
        try
        {
            if (!_replay.TryAdd(digest, DateTimeOffset.FromUnixTimeSeconds(message.Timestamp) + Door.Window))
            {
                return SpaVerdict.Reject(SpaRejectReason.Replay, $"{request}: this packet was accepted before", user.Name);
            }
        }
        catch (IOException e)
        {
            // Not recorded, so not granted: a grant the journal does not hold could be replayed after a restart.
            return SpaVerdict.Reject(SpaRejectReason.Denied, $"{request}: the replay journal could not be written ({e.Message})", user.Name);
        }

        return new SpaVerdict
        {
            User = user.Name,
            Detail = request,
            Address = address,
            Lists = EquatableArray.Create<string>([.. lists]),
            Ports = EquatableArray.Create<SpaPort>([.. ports]),
            OpenFor = openFor,
        };
    }

    private bool TryChooseAddress(string text, IpFamily family, UInt128 source, out IpRange address, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? refusal)
    {
        address = IpRange.Host(family, source);
        refusal = null;
        if (text is "0.0.0.0" or "::")
        {
            if (Door.RequireAddress)
            {
                refusal = "the door requires the packet to name its address (not the client's -s)";
                return false;
            }

            return true;
        }

        if (!IpRange.TryParseAddress(text, out IpFamily asked, out UInt128 value))
        {
            refusal = "the request's address is not an IP address";
            return false;
        }

        if (asked == family && value == source)
        {
            return true;
        }

        if (!Door.AllowAddress)
        {
            refusal = $"asks to open {IpRange.Host(asked, value)}, not its source; the door opens only the source";
            return false;
        }

        address = IpRange.Host(asked, value);
        return true;
    }

    private TimeSpan OpenFor(SpaUser user, SpaMessage message)
    {
        TimeSpan max = user.MaxOpenFor ?? Door.MaxOpenFor;
        TimeSpan open = message.ClientTimeout is > 0 and int seconds ? TimeSpan.FromSeconds(seconds) : user.OpenFor ?? Door.OpenFor;
        return open < max ? open : max;
    }

    private string? ListOf(SpaPort port)
    {
        foreach (SpaPortList list in Door.PortLists)
        {
            if (list.Port == port)
            {
                return list.List;
            }
        }

        return null;
    }

    private static bool SourceMatches(SpaUser user, IpFamily family, UInt128 source)
    {
        if (user.Sources.Count == 0)
        {
            return true;
        }

        foreach (IpRange range in user.Sources)
        {
            if (range.Contains(family, source))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Client-chosen text for a log line: printable ASCII only (anything else as '?'), bounded.</summary>
    private static string Sanitize(string text)
    {
        int length = Math.Min(text.Length, MaxDetailText);
        var clean = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            clean.Append(c is >= ' ' and <= '~' and not '\'' and not '"' ? c : '?');
        }

        if (text.Length > MaxDetailText)
        {
            clean.Append("...");
        }

        return clean.ToString();
    }
}
