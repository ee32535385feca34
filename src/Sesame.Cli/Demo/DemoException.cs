namespace Sesame.Cli.Demo;

/// <summary>A step of the demo failed; the message says which and why.</summary>
internal sealed class DemoException(string message) : Exception(message);
