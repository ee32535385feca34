namespace Sesame.Model;

/// <summary>
/// A rule's <c>address-list-timeout</c>: a time, <c>none-dynamic</c> (the default, and what <c>00:00:00</c> means:
/// dynamic with no timeout, gone on reboot) or <c>none-static</c> (a static entry that is saved and exported).
/// </summary>
public readonly record struct AddressListTimeout(AddressListTimeoutKind Kind, TimeSpan Duration)
{
    public static AddressListTimeout NoneDynamic => new(AddressListTimeoutKind.NoneDynamic, TimeSpan.Zero);

    public static AddressListTimeout NoneStatic => new(AddressListTimeoutKind.NoneStatic, TimeSpan.Zero);

    public static AddressListTimeout Timed(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? NoneDynamic : new(AddressListTimeoutKind.Timed, duration);

    public override string ToString() => Kind switch
    {
        AddressListTimeoutKind.NoneDynamic => "none-dynamic",
        AddressListTimeoutKind.NoneStatic => "none-static",
        _ => RouterOsTime.Format(Duration),
    };
}
