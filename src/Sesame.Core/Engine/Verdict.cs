namespace Sesame.Engine;

/// <summary>What the filter did with a packet.</summary>
public enum Verdict : byte
{
    Accept,
    Drop,
    Reject,

    /// <summary>RouterOS <c>tarpit</c>: the router answers the SYN and holds the connection; the packet goes no further.</summary>
    Tarpit,
}
