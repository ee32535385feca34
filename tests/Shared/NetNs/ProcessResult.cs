namespace Sesame.Tests.Support;

/// <summary>How a finished command ended.</summary>
internal sealed record ProcessResult(int Exit, string Out, string Err)
{
    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
}
