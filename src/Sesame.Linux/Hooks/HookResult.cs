namespace Sesame.Linux.Hooks;

/// <summary>How a hook command ended: its exit status, or that it was stopped at its time limit, or why it could not start.</summary>
/// <param name="Output">The first few kilobytes of what it wrote (standard output and error), for the log.</param>
public sealed record HookResult(int? ExitCode, bool TimedOut, string Output, string? StartError)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && StartError is null;
}
