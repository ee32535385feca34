using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>
/// The seeds' blacklist: a drop of listed sources at the top, a trap port with a long penalty and scan ports with a
/// short one. <see cref="Enabled"/> false writes the rules disabled, as the seeds advise until a knock has worked.
/// </summary>
public sealed record Blacklist
{
    public bool Enabled { get; init; }

    public string List { get; init; } = "blacklist";

    public BlacklistPorts? Trap { get; init; }

    public BlacklistPorts? Scan { get; init; }

    /// <summary>Where the blacklist is written; its rules carry it, so lints point at it.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
