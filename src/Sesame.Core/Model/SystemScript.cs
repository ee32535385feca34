using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary><c>/system script</c>: kept and exported; Sesame does not run scripts yet.</summary>
/// <param name="Properties">Every other property (<c>policy</c>, <c>comment</c>, …) in the order given.</param>
public sealed record SystemScript(string Name, string Source, EquatableArray<RawProperty> Properties)
{
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
