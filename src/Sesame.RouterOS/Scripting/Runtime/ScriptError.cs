using Sesame.RouterOS.Scripting.Parsing;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>A runtime error with the place it happened: ends the run unless a <c>:do … on-error=</c> catches it.</summary>
internal sealed class ScriptError : Exception
{
    public ScriptError(string message, string script, ParsedCode? code, int position, bool catchable = true)
        : base(message)
    {
        Script = script;
        Code = code;
        Position = position;
        Catchable = catchable;
    }

    public string Script { get; }

    public ParsedCode? Code { get; }

    public int Position { get; }

    /// <summary>False for the bounds of a run (statements, depth, delay) and cancellation: on-error cannot keep a runaway going.</summary>
    public bool Catchable { get; }

    /// <summary>
    /// As RouterOS logs it, <c>script check-and-grant: line 4 column 5: no such item</c> (the column added), then the
    /// place in the configuration file when the script has one: <c>(router.rsc:12:9)</c> for a braced source, <c>(the
    /// quoted source starts at router.rsc:12:20)</c> for a quoted one.
    /// </summary>
    public string Describe()
    {
        if (Code is null)
        {
            return $"script {Script}: {Message}";
        }

        (int line, int column) = Code.Locate(Position);
        (Sesame.Diagnostics.SourceLocation file, bool exact) = Code.FileLocation(Position);
        string where = file.IsNone ? "" : exact ? $" ({file})" : $" (the quoted source starts at {file})";
        return $"script {Script}: line {line} column {column}: {Message}{where}";
    }
}
