namespace Sesame.Tests.Property;

/// <summary>
/// An <c>/ip firewall address-list</c> entry of the config: one client source, or (<see cref="Source"/> = -1) the prefix
/// that holds the extra sources.
/// </summary>
/// <param name="Dynamic">Written with <c>dynamic=yes</c> (an entry without timeout that rules may give one).</param>
internal sealed record KnockStaticEntry(string List, int Source, int? TimeoutMs, bool Dynamic);
