using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// A profile's <c>fleet:</c> section: how <c>sesame serve</c> joins a fleet (docs/fleet.md). Every value may be left out;
/// the command line's <c>--fleet</c> options override each one. A password is never in the profile: it comes from
/// <see cref="PasswordFile"/> (or Npgsql's PGPASSWORD / PGPASSFILE).
/// </summary>
public sealed record FleetSection
{
    /// <summary>The Npgsql connection string or <c>postgres://</c> URI, without a password; null: <c>--fleet</c> gives it.</summary>
    public string? Connection { get; init; }

    /// <summary>The file holding the password (its first line), as a full path (a relative one is the profile's directory's).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>This node's name in the fleet; null: the host name.</summary>
    public string? Node { get; init; }

    /// <summary>Lists shared besides the grant and blacklist lists.</summary>
    public EquatableArray<FleetListName> Share { get; init; } = EquatableArray<FleetListName>.Empty;

    /// <summary>Grant or blacklist lists kept to this node.</summary>
    public EquatableArray<FleetListName> Local { get; init; } = EquatableArray<FleetListName>.Empty;

    /// <summary>Where <c>fleet:</c> is written.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
