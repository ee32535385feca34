namespace Sesame.Knock;

/// <summary>What the client saw after one knock. Only TCP connect attempts can tell more than <see cref="Sent"/>.</summary>
public enum KnockOutcome
{
    /// <summary>The packet left; no answer is expected (UDP, ICMP, raw SYN) or none was waited for (<c>--connect-timeout 0</c>).</summary>
    Sent,

    /// <summary>The connect attempt completed: the port is open, so this knock was also a connection.</summary>
    Open,

    /// <summary>The host answered with a reset: the port is closed and not filtered.</summary>
    Refused,

    /// <summary>No answer within the connect timeout: the port drops, as a knock port usually does.</summary>
    NoAnswer,
}
