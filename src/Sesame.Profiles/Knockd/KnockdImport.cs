using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>A profile made from a knockd.conf, with warnings for everything that could not be carried over.</summary>
public sealed record KnockdImport(DoorProfile Profile, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
