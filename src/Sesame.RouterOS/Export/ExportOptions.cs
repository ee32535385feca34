namespace Sesame.RouterOS;

/// <summary>How <see cref="RouterOsExporter.Export"/> lays out the script.</summary>
public sealed record ExportOptions
{
    /// <summary>
    /// Wrap commands longer than 80 columns the way RouterOS exports do (<c> \</c>, newline, four spaces; long quoted
    /// values are broken inside the string). When false, every command is one line, as <c>export terse</c> writes them.
    /// </summary>
    public bool Wrap { get; init; } = true;
}
