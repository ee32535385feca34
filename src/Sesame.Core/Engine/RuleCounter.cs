namespace Sesame.Engine;

/// <summary>A rule's counters: packets that matched it and their bytes (IP total length), ROUTEROS.md §2.5.</summary>
public readonly record struct RuleCounter(long Packets, long Bytes);
