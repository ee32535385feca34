namespace Sesame.Cli;

/// <summary>The streams a command uses, so tests can run the program in-process.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TextReader In)
{
    /// <summary><see cref="Out"/> is the process's standard output (the program), not a writer of a test's.</summary>
    public bool OutIsConsole { get; init; }
}
