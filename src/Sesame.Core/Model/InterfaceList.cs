using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary><c>/interface list</c>: a named set of interfaces; may include or exclude other lists.</summary>
public sealed record InterfaceList(string Name)
{
    public EquatableArray<string> Include { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> Exclude { get; init; } = EquatableArray<string>.Empty;

    public string? Comment { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The lists every router has (ROUTEROS.md §7.4).</summary>
    public static IReadOnlyList<string> Predefined { get; } = ["all", "none", "dynamic", "static"];
}
