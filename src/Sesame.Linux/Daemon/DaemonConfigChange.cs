namespace Sesame.Linux.Daemon;

/// <summary>A reload, apply, confirmation or rollback, as <c>sesame status</c> and the metrics report it.</summary>
/// <param name="Action"><c>reload</c>, <c>apply</c>, <c>confirm</c> or <c>rollback</c>.</param>
/// <param name="Applied">Whether the new rules went in (and read back as compiled); false: refused, nothing changed.</param>
/// <param name="At">When.</param>
/// <param name="Message">Why it was refused (the first error), or null.</param>
public sealed record DaemonConfigChange(string Action, bool Applied, DateTimeOffset At, string? Message);
