using System.Collections.Immutable;
using Sesame.Spa;

namespace Sesame.Knock.Spa;

/// <summary>
/// What an SPA knock is sent with, each value possibly unset: one layer of fwknop's precedence (built-in defaults &lt;
/// the rc file's <c>[default]</c> &lt; its named stanza &lt; the command line). <see cref="Over"/> stacks two layers.
/// </summary>
public sealed record SpaClientSettings
{
    public static SpaClientSettings None { get; } = new();

    /// <summary>The server (fwknoprc's <c>SPA_SERVER</c>).</summary>
    public string? Server { get; init; }

    public ushort? Port { get; init; }

    public ImmutableArray<SpaPort>? Access { get; init; }

    public SpaAllow? Allow { get; init; }

    /// <summary>The access time asked for, in seconds (fwknop's <c>-f</c>, <c>FW_TIMEOUT</c>).</summary>
    public int? FwTimeout { get; init; }

    public string? User { get; init; }

    public SpaKeys? Keys { get; init; }

    /// <summary>Where <see cref="Keys"/> came from, for messages (<c>~/.fwknoprc [web]</c>); never the keys.</summary>
    public string? KeysOrigin { get; init; }

    /// <summary>This layer's values where set, else <paramref name="lower"/>'s.</summary>
    public SpaClientSettings Over(SpaClientSettings lower) => new()
    {
        Server = Server ?? lower.Server,
        Port = Port ?? lower.Port,
        Access = Access ?? lower.Access,
        Allow = Allow ?? lower.Allow,
        FwTimeout = FwTimeout ?? lower.FwTimeout,
        User = User ?? lower.User,
        Keys = Keys ?? lower.Keys,
        KeysOrigin = Keys is null ? lower.KeysOrigin : KeysOrigin,
    };
}
