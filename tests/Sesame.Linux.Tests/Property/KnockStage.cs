namespace Sesame.Tests.Property;

/// <summary>
/// One stage of a generated knock config: a rule that adds the source to the stage's list when a packet of
/// <see cref="Protocol"/> reaches <see cref="Port"/> (ICMP: any echo, or with <see cref="IcmpData"/> the echo whose
/// <c>packet-size</c> is that of <see cref="IcmpData"/> data bytes) from a source
/// in the previous stage's list.
/// </summary>
/// <param name="ExtraPorts">More ports for <c>dst-port=</c> (a list with <see cref="Port"/>), or null.</param>
/// <param name="TcpFlags">A <c>tcp-flags=</c> value for a TCP stage, or null.</param>
/// <param name="TimeoutMs">Milliseconds, or <see cref="KnockScript.NoneDynamic"/> or <see cref="KnockScript.NoneStatic"/>.</param>
/// <param name="NotAgain">Stage 1 only: <c>src-address-list=!k1</c>, so that repeating the first knock does not refresh it.</param>
internal sealed record KnockStage(KnockProtocol Protocol, int Port, string? ExtraPorts, int TimeoutMs, string? TcpFlags, int? IcmpData, bool NotAgain);
