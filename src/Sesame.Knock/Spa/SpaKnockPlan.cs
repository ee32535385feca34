using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Knock.Spa;

/// <summary>A validated SPA knock: where to, what to ask for, with which keys, what to do after.</summary>
public sealed class SpaKnockPlan
{
    private SpaKnockPlan(string host, ushort port, ImmutableArray<SpaPort> access, SpaAllow allow, int? fwTimeout, string user, SpaKeys keys, string? keysOrigin)
    {
        Host = host;
        Port = port;
        Access = access;
        Allow = allow;
        FwTimeout = fwTimeout;
        User = user;
        Keys = keys;
        KeysOrigin = keysOrigin;
    }

    public string Host { get; }

    public ushort Port { get; }

    public ImmutableArray<SpaPort> Access { get; }

    public SpaAllow Allow { get; }

    /// <summary>The access time asked for (a client-timeout message), or null for the server's default.</summary>
    public int? FwTimeout { get; }

    public string User { get; }

    public SpaKeys Keys { get; }

    public string? KeysOrigin { get; }

    public KnockSettings Settings { get; private init; } = new();

    public AddressFamily Family { get; private init; }

    public int? WaitPort { get; private init; }

    public TimeSpan WaitTimeout { get; private init; }

    public IReadOnlyList<string>? Then { get; private init; }

    public string? SavePacket { get; private init; }

    /// <summary>
    /// Checks the command line, lays it over <paramref name="lower"/> (keys file, door, rc stanzas: already read), and
    /// returns the plan, or null with one message per problem.
    /// </summary>
    public static SpaKnockPlan? Validate(SpaKnockOptions options, SpaClientSettings lower, out List<string> errors)
    {
        errors = [];
        SpaClientSettings typed = Typed(options, errors);
        SpaClientSettings merged = typed.Over(lower);
        AddressFamily family = KnockPlan.ParseFamily(options.Ipv4, options.Ipv6, options.Source, options.Interface, errors, out IPAddress? source);
        int? waitPort = KnockPlan.ParseWait(options.Wait, options.WaitTimeoutMs, errors);
        string[]? then = KnockPlan.ParseThen(options.Then, errors);

        string? host = merged.Server;
        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add("no HOST given (nor SPA_SERVER in the rc stanza)");
        }

        if (merged.Access is not { } access)
        {
            errors.Add("no access asked for: -A PROTO/PORT (e.g. -A tcp/22), or ACCESS in the rc stanza");
            access = [];
        }

        if (merged.Keys is not { } keys)
        {
            errors.Add("no keys: --keys FILE (as 'sesame keygen' writes it), --door NAME from a profile, or -n NAME / --rc FILE with KEY_BASE64 and HMAC_KEY_BASE64");
            keys = null!;
        }

        string user = merged.User ?? SpaUserName.Default();
        if (merged.User is null && !SpaUserName.IsValid(user, out string userError))
        {
            errors.Add($"the user name from the environment cannot be sent ({userError}); give one with -U NAME");
        }

        SpaAllow allow = merged.Allow ?? SpaAllow.Source;
        if (allow is { Kind: SpaAllowKind.Address, Address: { } address } && family != AddressFamily.Unspecified && address.AddressFamily != family)
        {
            errors.Add($"-a {address} is not an {HostResolver.FamilyName(family)} address");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new SpaKnockPlan(host!.Trim(), merged.Port ?? SpaDoor.DefaultPort, access, allow, merged.FwTimeout is > 0 ? merged.FwTimeout : null, user, keys, merged.KeysOrigin)
        {
            Settings = new KnockSettings { Source = source, Interface = options.Interface },
            Family = family,
            WaitPort = waitPort,
            WaitTimeout = TimeSpan.FromMilliseconds(options.WaitTimeoutMs),
            Then = then,
            SavePacket = options.SavePacket,
        };
    }

    /// <summary>The target's family against -4/-6/--source and against an explicit -a address.</summary>
    public bool TryCheckTarget(IPAddress target, out string error)
    {
        error = "";
        if (Family != AddressFamily.Unspecified && target.AddressFamily != Family)
        {
            error = $"HOST {target} is not an {HostResolver.FamilyName(Family)} address" + (Settings.Source is null ? "" : $" like --source {Settings.Source}");
            return false;
        }

        return true;
    }

    private static SpaClientSettings Typed(SpaKnockOptions options, List<string> errors)
    {
        var typed = new SpaClientSettings { Server = options.Host };
        if (options.Access is { } accessText)
        {
            if (SpaAccess.TryParse(accessText, out ImmutableArray<SpaPort> ports, out string error))
            {
                typed = typed with { Access = ports };
            }
            else
            {
                errors.Add($"-A '{SpaAccess.Printable(accessText)}': {error}");
            }
        }

        int chosen = (options.AllowIp is null ? 0 : 1) + (options.SourceIp ? 1 : 0) + (options.ResolveIp ? 1 : 0);
        if (chosen > 1)
        {
            errors.Add("-a, -s and -R exclude each other: one address to open");
        }
        else if (options.AllowIp is { } allowText)
        {
            if (allowText.Equals("source", StringComparison.OrdinalIgnoreCase) || allowText.Equals("resolve", StringComparison.OrdinalIgnoreCase)
                || !SpaAllow.TryParse(allowText, out SpaAllow allow, out _))
            {
                errors.Add($"-a '{SpaAccess.Printable(allowText)}' is not an IPv4 or IPv6 address");
            }
            else
            {
                typed = typed with { Allow = allow };
            }
        }
        else if (options.SourceIp)
        {
            typed = typed with { Allow = SpaAllow.Source };
        }
        else if (options.ResolveIp)
        {
            typed = typed with { Allow = new SpaAllow(SpaAllowKind.Resolve) };
        }

        if (options.FwTimeout is { } timeout)
        {
            if (timeout is < 1 or > ushort.MaxValue)
            {
                errors.Add($"-f {timeout}: the access time is 1..65535 seconds");
            }
            else
            {
                typed = typed with { FwTimeout = timeout };
            }
        }

        if (options.User is { } user)
        {
            if (SpaUserName.IsValid(user, out string error))
            {
                typed = typed with { User = user };
            }
            else
            {
                errors.Add($"-U: {error}");
            }
        }

        if (options.Port is { } port)
        {
            if (port is < 1 or > ushort.MaxValue)
            {
                errors.Add($"--spa-port {port}: a port is 1..65535");
            }
            else
            {
                typed = typed with { Port = (ushort)port };
            }
        }

        return typed;
    }
}
