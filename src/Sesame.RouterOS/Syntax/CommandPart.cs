using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

internal sealed record CommandPart(PartKind Kind, SourceLocation Location)
{
    /// <summary>The word, or the name of a pair.</summary>
    public string Text { get; init; } = "";

    public PairOperator Operator { get; init; }

    /// <summary>The value of a pair (null for <c>name=</c> with nothing after it) or of an unnamed value.</summary>
    public ValueSyntax? Value { get; init; }

    public bool SpaceBeforeOperator { get; init; }
}
