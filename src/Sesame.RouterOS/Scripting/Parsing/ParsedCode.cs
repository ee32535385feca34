using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Scripting.Parsing;

/// <summary>A parsed script: its statements, its source (for line and column) and what the parser found.</summary>
internal sealed class ParsedCode(string text, Block body, IReadOnlyList<CodeError> errors)
{
    private SourceText? _lines;

    public string Text { get; } = text;

    public Block Body { get; } = body;

    public IReadOnlyList<CodeError> Errors { get; } = errors;

    public bool HasSyntaxErrors => Errors.Any(e => !e.IsWarning);

    /// <summary>The 1-based line and column of a character offset.</summary>
    public (int Line, int Column) Locate(int position)
    {
        _lines ??= new SourceText(Text, "");
        var location = _lines.Locate(Math.Clamp(position, 0, Text.Length));
        return (location.Line, location.Column);
    }
}
