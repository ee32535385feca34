using Sesame.Diagnostics;
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

    /// <summary>
    /// Where the code's text starts in the configuration file (<see cref="SourceLocation.None"/> when unknown), and
    /// whether positions map one to one (a braced <c>source={…}</c>) or only the start is known (a quoted source, whose
    /// escapes shift columns).
    /// </summary>
    public (SourceLocation Start, bool Verbatim) Origin { get; set; } = (SourceLocation.None, false);

    /// <summary>The 1-based line and column of a character offset.</summary>
    public (int Line, int Column) Locate(int position)
    {
        _lines ??= new SourceText(Text, "");
        var location = _lines.Locate(Math.Clamp(position, 0, Text.Length));
        return (location.Line, location.Column);
    }

    /// <summary>
    /// The file position of a character offset: exact (<c>Exact</c> true) for a verbatim origin, else the place the
    /// text starts; <see cref="SourceLocation.None"/> when the code has no place in a file.
    /// </summary>
    public (SourceLocation Location, bool Exact) FileLocation(int position)
    {
        (SourceLocation start, bool verbatim) = Origin;
        if (start.IsNone)
        {
            return (SourceLocation.None, false);
        }

        if (!verbatim)
        {
            return (start, false);
        }

        (int line, int column) = Locate(position);
        return line == 1
            ? (start with { Column = start.Column + column - 1 }, true)
            : (start with { Line = start.Line + line - 1, Column = column }, true);
    }
}
