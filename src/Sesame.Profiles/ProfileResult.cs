using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>A read profile, its rule model and every diagnostic. On errors <see cref="Config"/> is empty and must not be applied.</summary>
public sealed record ProfileResult(DoorProfile Profile, FirewallConfig Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
