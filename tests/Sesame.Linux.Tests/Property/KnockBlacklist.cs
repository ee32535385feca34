namespace Sesame.Tests.Property;

/// <summary>A trap port that puts the source on <c>blacklist</c>, and the rule that drops blacklisted sources.</summary>
/// <param name="DropFirst">The drop rule is the first rule (the manual's layout); otherwise it comes after the accept rule.</param>
/// <param name="ExceptSecured">The trap rule has <c>src-address-list=!secured</c>.</param>
/// <param name="TrapPorts">The trap rule's <c>dst-port=</c>: one port, or a list with a range.</param>
internal sealed record KnockBlacklist(bool DropFirst, string TrapPorts, int TimeoutMs, bool ExceptSecured);
