namespace Sesame.Engine;

public sealed partial class Firewall
{
    /// <summary>
    /// When the next address-list entry may expire, or null when no entry has a timeout. Lets a driver that moves the
    /// clock in jumps (<c>simulate</c>) stop at each expiry and report it at the time it happened. The time may be early
    /// (the entry was refreshed since); <see cref="ExpireDue()"/> at it then expires nothing.
    /// </summary>
    public DateTimeOffset? NextExpiryAt() =>
        _lists.TryPeekExpiry(out long ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}
