using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Net;

namespace Sesame.Tracing;

/// <summary>
/// One line of a packet trace, with interfaces still as names (the engine turns them into ids).
/// </summary>
/// <param name="Time">Seconds from the start of the trace.</param>
/// <param name="Text">The line as written, without its comment, for messages.</param>
public sealed record TracePacket(
    double Time,
    Hook Hook,
    IpFamily Family,
    UInt128 Src,
    UInt128 Dst,
    byte Protocol,
    ushort SrcPort,
    ushort DstPort,
    Model.TcpFlags TcpFlags,
    int Length,
    byte[] Payload,
    string? InInterface,
    string? OutInterface,
    SourceLocation Location,
    string Text)
{
    public string SrcText => IpRange.ToAddress(Family, Src).ToString();

    public string DstText => IpRange.ToAddress(Family, Dst).ToString();
}
