namespace Sesame.Model;

/// <summary>
/// <c>tcp-flags=syn,!ack</c>: every flag in <see cref="Set"/> must be set and every flag in <see cref="Clear"/> must be
/// clear; other flags do not matter. ROUTEROS.md §10 item 10: we decide for these mask semantics (as iptables'
/// <c>--tcp-flags</c> with the listed flags as mask), so <c>tcp-flags=syn</c> also matches a SYN-ACK.
/// </summary>
public readonly record struct TcpFlagsMatch(TcpFlags Set, TcpFlags Clear)
{
    public bool Matches(TcpFlags flags) => (flags & Set) == Set && (flags & Clear) == 0;
}
