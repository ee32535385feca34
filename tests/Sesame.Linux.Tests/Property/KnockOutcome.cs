namespace Sesame.Tests.Property;

/// <summary>How a case ended when engine and kernel did not differ.</summary>
internal enum KnockOutcome
{
    Agreed,

    /// <summary>
    /// A packet (or the final read) came within <see cref="KnockRun.Margin"/> of an entry's expiry, where the kernel's
    /// clock (jiffies) and the measured send time cannot say which side it fell on; the case says nothing.
    /// </summary>
    Inconclusive,
}
