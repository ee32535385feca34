using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

internal sealed record ValueSyntax(ValueKind Kind, string Text, SourceLocation Location)
{
    /// <summary>A quoted string: a leading <c>!</c> is part of the text, not a negation (ROUTEROS.md §1.8).</summary>
    public bool Quoted { get; init; }

    public CommandSyntax? Command { get; init; }

    /// <summary>For a block: where its inner text starts in the file.</summary>
    public SourceLocation? InnerLocation { get; init; }

    /// <summary>The <c>N</c> of <c>([find …]->N)</c>.</summary>
    public int? Index { get; init; }
}
