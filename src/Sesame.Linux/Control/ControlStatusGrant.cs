namespace Sesame.Linux.Control;

/// <summary>A granted source in <see cref="ControlStatus"/>: its list, family, address, and seconds left (null: no timeout).</summary>
public sealed record ControlStatusGrant(string List, string Family, string Address, double? SecondsLeft);
