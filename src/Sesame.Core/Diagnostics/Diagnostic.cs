using Sesame.Text;

namespace Sesame.Diagnostics;

/// <summary>One finding about an input, with the place it concerns and a plain message.</summary>
/// <param name="Code">A short stable identifier such as <c>SES0101</c>, so users and tests can refer to it.</param>
public sealed record Diagnostic(Severity Severity, SourceLocation Location, string Code, string Message)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>
    /// Formats as <c>file:line:column: error SES0101: message</c>, the shape compilers use, on one line that is safe for a
    /// terminal: the names a message quotes (and the file name) may hold ESC or a newline, which are escaped
    /// (<see cref="TerminalText.Escape"/>).
    /// </summary>
    public override string ToString()
    {
        string level = Severity == Severity.Error ? "error" : "warning";
        string message = TerminalText.Escape(Message);
        return Location.IsNone && Location.File.Length == 0
            ? $"{level} {Code}: {message}"
            : $"{TerminalText.Escape(Location.ToString())}: {level} {Code}: {message}";
    }
}
