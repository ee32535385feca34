namespace Sesame.Cli;

/// <summary>The streams a command uses, so tests can run the program in-process.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TextReader In);
