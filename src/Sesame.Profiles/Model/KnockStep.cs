using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>One knock: a packet to <see cref="Port"/> with <see cref="Protocol"/>, optionally carrying a passphrase.</summary>
public sealed record KnockStep(ushort Port, byte Protocol)
{
    /// <summary>Text the knock's payload must be (a Layer7 <c>^passphrase$</c> match, ROUTEROS.md §4).</summary>
    public string? Passphrase { get; init; }

    /// <summary>The address list this step fills; defaults to <c>DOOR-knockN</c>.</summary>
    public string? List { get; init; }

    /// <summary>Where the knock is written; its rules carry it, so lints point at the knock rather than at its door.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public override string ToString() => Protocol == IpProtocols.Tcp ? $"{Port}" : $"{Port}/{IpProtocols.ToName(Protocol)}";
}
