using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// A door profile: a short description of one host's or router's knock doors that compiles to the same rule model as
/// a RouterOS script (see <see cref="ProfileCompiler"/>). Immutable; read by <see cref="ProfileReader"/>.
/// </summary>
public sealed record DoorProfile
{
    /// <summary>The interfaces that count as outside (the <c>WAN</c> interface list); knocks are only heard on them.</summary>
    public EquatableArray<string> Outside { get; init; } = ["ether1"];

    /// <summary>The inside interfaces (the <c>LAN</c> interface list).</summary>
    public EquatableArray<string> Inside { get; init; } = ["bridge"];

    public EquatableArray<Door> Doors { get; init; } = EquatableArray<Door>.Empty;

    public Blacklist? Blacklist { get; init; }

    /// <summary>The <c>fleet:</c> section (<c>sesame serve</c> joins the fleet it names); null: none.</summary>
    public FleetSection? Fleet { get; init; }

    /// <summary>Accept packets of established and related connections first, so sessions outlive the knock (ROUTEROS.md §2.6).</summary>
    public bool AcceptEstablished { get; init; } = true;

    /// <summary>End with the drop of all other outside input that the seeds assume the router already has.</summary>
    public bool DropOutsideInput { get; init; } = true;

    /// <summary>Where <c>router:</c> is written (none when it is left out); the rules it adds carry it.</summary>
    public SourceLocation RouterLocation { get; init; } = SourceLocation.None;
}
