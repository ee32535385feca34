using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary><c>/system scheduler</c>: kept and exported; Sesame does not run scheduled events yet.</summary>
/// <param name="Properties">Every property besides the name (<c>interval</c>, <c>on-event</c>, <c>start-time</c>, …) in the order given.</param>
public sealed record SystemScheduler(string Name, EquatableArray<RawProperty> Properties)
{
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Where the text of <c>on-event</c> starts in the file (see <see cref="SystemScript.SourceLocation"/>).</summary>
    public SourceLocation OnEventLocation { get; init; } = SourceLocation.None;

    /// <summary>Whether positions inside <c>on-event</c> map one to one to the file.</summary>
    public bool OnEventVerbatim { get; init; }
}
