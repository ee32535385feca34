using Sesame.Model;

namespace Sesame.Tests.Property;

/// <summary>
/// One packet of a generated trace, planned <see cref="GapMs"/> after the one before it was planned; a packet goes out at
/// its planned time or, when the run is behind (each packet costs about a millisecond), as soon as it can.
/// </summary>
/// <param name="PayloadLength">UDP and ICMP data bytes.</param>
internal sealed record KnockStep(int GapMs, int Source, KnockProtocol Protocol, int Port, TcpFlags Flags, int PayloadLength);
