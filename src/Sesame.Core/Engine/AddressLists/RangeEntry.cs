namespace Sesame.Engine.AddressLists;

/// <summary>A prefix or range entry of one list, with its bounds inline so a list's ranges scan without touching the slots.</summary>
internal readonly record struct RangeEntry(int Slot, UInt128 First, UInt128 Last);
