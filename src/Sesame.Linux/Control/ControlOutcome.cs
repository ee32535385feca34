namespace Sesame.Linux.Control;

/// <summary>
/// How a <c>reload</c>, <c>apply</c> or <c>confirm</c> request ended: done or refused, with the lines the daemon sent
/// before its result (each error of a refused configuration, the lock-out check's warnings, what changed).
/// </summary>
public sealed record ControlOutcome(bool Succeeded, string? Error, IReadOnlyList<ControlNote> Notes)
{
    public static ControlOutcome Done(IReadOnlyList<ControlNote> notes) => new(true, null, notes);

    public static ControlOutcome Refused(string error, IReadOnlyList<ControlNote>? notes = null) => new(false, error, notes ?? []);
}
