using Sesame.Diagnostics;
using Sesame.RouterOS.Scripting.Parsing;

namespace Sesame.RouterOS.Scripting.Linting;

/// <summary>
/// One piece of code to lint (a script's source or a scheduler's on-event) and how its positions map to the file: a
/// braced source maps one to one; a quoted one (escapes shift columns) or one without a place in a file maps to where
/// it starts, and the message gives the line and column inside the code.
/// </summary>
internal sealed class LintSource(string name, string kind, ParsedCode code, SourceLocation start, bool verbatim, SourceLocation fallback)
{
    public string Name { get; } = name;

    /// <summary><c>script</c> or <c>scheduler</c>.</summary>
    public string Kind { get; } = kind;

    public ParsedCode Code { get; } = code;

    public (SourceLocation Location, string Suffix) Locate(int position)
    {
        (int line, int column) = Code.Locate(position);
        if (start.IsNone)
        {
            return (fallback, $" ({Kind} line {line} column {column})");
        }

        if (!verbatim)
        {
            return (start, $" ({Kind} line {line} column {column})");
        }

        return line == 1
            ? (start with { Column = start.Column + column - 1 }, "")
            : (start with { Line = start.Line + line - 1, Column = column }, "");
    }
}
