using Sesame.Diagnostics;

namespace Sesame.RouterOS.Console;

/// <summary>One property of a menu item as written, with where its name and its value were written.</summary>
/// <param name="Quoted">Written as a quoted string or a block, so a leading <c>!</c> is text, not a negation.</param>
/// <param name="ValueLocation">Where the value was written (its opening quote or brace).</param>
internal sealed record ItemProperty(string Name, string Value, bool Quoted, SourceLocation NameLocation, SourceLocation ValueLocation)
{
    /// <summary>For a braced block (<c>source={…}</c>): where its text starts; a script's positions map to the file from there.</summary>
    public SourceLocation? InnerLocation { get; init; }

    /// <summary>Where the text of the value starts (after a quote or brace), and whether positions inside it map one to one.</summary>
    public (SourceLocation Start, bool Verbatim) TextStart =>
        InnerLocation is SourceLocation inner ? (inner, true)
        : Quoted ? (ValueLocation with { Column = ValueLocation.Column + 1 }, false)
        : (ValueLocation, true);
}
