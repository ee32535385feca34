using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary><c>/system script</c>: kept, exported, and run by the RouterOS front end's interpreter (<c>RouterOsScripts</c>).</summary>
/// <param name="Properties">Every other property (<c>policy</c>, <c>comment</c>, …) in the order given.</param>
public sealed record SystemScript(string Name, string Source, EquatableArray<RawProperty> Properties)
{
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Where <see cref="Source"/>'s first character is in the file, so that a script's line and column map to the file's.</summary>
    public SourceLocation SourceLocation { get; init; } = SourceLocation.None;

    /// <summary>
    /// True when positions inside <see cref="Source"/> map one to one to the file (a braced <c>source={…}</c>); false for a
    /// quoted source, whose escapes shift columns (the mapped place is then close, not exact).
    /// </summary>
    public bool SourceVerbatim { get; init; }
}
