namespace Sesame.Linux.Daemon;

/// <summary>
/// A change to <c>table inet sesame</c> that the daemon did not make: what the notifications said (<c>delete-table</c>,
/// <c>add-rule:input</c>…), and the process that committed it as the kernel named it (pid 0 and an empty name when it is
/// unknown: notifications were lost, or arrived damaged).
/// </summary>
internal sealed record TamperFinding(IReadOnlyList<string> Changes, uint ProcessId, string ProcessName)
{
    /// <summary>When the watcher read it (the daemon's <see cref="TimeProvider"/> timestamp; 0 when not set).</summary>
    public long SeenAt { get; init; }

    /// <summary>Whether the change may have deleted sets, and with them what the knock stages had learnt.</summary>
    public bool MayHaveDeletedSets => ProcessId == 0 || Changes.Any(c => c.StartsWith("delete-table", StringComparison.Ordinal) || c.StartsWith("delete-set", StringComparison.Ordinal));
}
