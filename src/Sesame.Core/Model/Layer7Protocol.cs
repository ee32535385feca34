using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary><c>/ip firewall layer7-protocol</c>: a named POSIX regular expression matched against connection data.</summary>
/// <param name="Regexp">The stored expression, after RouterOS string unescaping (<c>"^pass\$"</c> is stored as <c>^pass$</c>).</param>
public sealed record Layer7Protocol(string Name, string Regexp)
{
    public string? Comment { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
