namespace Sesame.Engine.AddressLists;

/// <summary>Expiry-queue priority: time first, then insertion order, so entries due at the same instant expire in the order they were added.</summary>
internal readonly record struct ExpiryKey(long Ticks, long Sequence) : IComparable<ExpiryKey>
{
    public int CompareTo(ExpiryKey other)
    {
        int c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(ExpiryKey left, ExpiryKey right) => left.CompareTo(right) < 0;

    public static bool operator >(ExpiryKey left, ExpiryKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(ExpiryKey left, ExpiryKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ExpiryKey left, ExpiryKey right) => left.CompareTo(right) >= 0;
}
