namespace Sesame.Tests.Package;

/// <summary>How a finished host command ended.</summary>
internal sealed record CommandResult(int Exit, string Out, string Err)
{
    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
}
