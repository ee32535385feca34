using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary>The config with its IPv4 door applied to IPv6, and what the mirror had to leave out, widen or refuse.</summary>
/// <param name="Config">The mirrored config; the input config unchanged when <see cref="HasErrors"/>.</param>
public sealed record Ipv6MirrorResult(FirewallConfig Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
