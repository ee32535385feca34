namespace Sesame.Diagnostics;

/// <summary>One finding about an input, with the place it concerns and a plain message.</summary>
/// <param name="Code">A short stable identifier such as <c>SES0101</c>, so users and tests can refer to it.</param>
public sealed record Diagnostic(Severity Severity, SourceLocation Location, string Code, string Message)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>Formats as <c>file:line:column: error SES0101: message</c>, the shape compilers use.</summary>
    public override string ToString()
    {
        string level = Severity == Severity.Error ? "error" : "warning";
        return Location.IsNone && Location.File.Length == 0
            ? $"{level} {Code}: {Message}"
            : $"{Location}: {level} {Code}: {Message}";
    }
}
