using System.Net;

namespace Sesame.Knock;

/// <summary>Sends knock sequences to one resolved address.</summary>
public sealed class KnockClient
{
    private readonly KnockSettings _settings;
    private readonly TimeProvider _time;

    public KnockClient(KnockSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
    }

    /// <summary>
    /// Sends the steps in order with the configured delay between two knocks, calling <paramref name="sent"/> after each.
    /// Throws <see cref="KnockException"/> when a knock cannot be sent (privilege, route, binding); knocks before it were sent.
    /// </summary>
    public async Task KnockAsync(IPAddress target, IReadOnlyList<KnockStep> steps, Action<int, KnockOutcome>? sent, CancellationToken cancellationToken)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            if (i > 0 && _settings.Delay > TimeSpan.Zero)
            {
                await Task.Delay(_settings.Delay, _time, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            KnockOutcome outcome = Send(target, steps[i], (ushort)(i + 1));
            sent?.Invoke(i, outcome);
        }
    }

    /// <summary>Sends one knock; <paramref name="sequence"/> numbers ICMP echo requests.</summary>
    public KnockOutcome Send(IPAddress target, KnockStep step, ushort sequence)
    {
        var endpoint = new IPEndPoint(target, step.Port);
        return step.Protocol switch
        {
            KnockProtocol.Tcp when _settings.RawTcp => RawSynKnock.Send(endpoint, _settings),
            KnockProtocol.Tcp => TcpConnectKnock.Send(endpoint, _settings),
            KnockProtocol.Udp => UdpKnock.Send(endpoint, step.Payload.Span, _settings),
            _ => IcmpEcho.Send(target, step, sequence, _settings),
        };
    }

    /// <summary>One line saying what packet a step puts on the wire, for <c>--dry-run</c> and <c>-v</c>.</summary>
    public string Describe(IPAddress target, KnockStep step)
    {
        string at = target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{target}]" : target.ToString();
        return step.Protocol switch
        {
            KnockProtocol.Tcp when _settings.RawTcp => $"tcp  {at}:{step.Port}  SYN (raw)",
            KnockProtocol.Tcp when _settings.ConnectTimeout <= TimeSpan.Zero => $"tcp  {at}:{step.Port}  SYN (connect attempt, closed at once)",
            KnockProtocol.Tcp => $"tcp  {at}:{step.Port}  SYN (connect attempt, closed after {_settings.ConnectTimeout.TotalMilliseconds:0} ms)",
            KnockProtocol.Udp => $"udp  {at}:{step.Port}  {PayloadPhrase(step.Payload.Span)}",
            _ => $"icmp {at}  echo request, {IcmpEcho.DataLength(step, target.AddressFamily)} data bytes, IP packet size {IcmpEcho.HeaderLength(target.AddressFamily) + IcmpEcho.DataLength(step, target.AddressFamily)}"
                + (step.HasPayload ? $", {PayloadPhrase(step.Payload.Span)}" : ""),
        };
    }

    private static string PayloadPhrase(ReadOnlySpan<byte> payload) =>
        payload.IsEmpty ? "no payload" : $"payload \"{PayloadText.Escape(payload)}\" ({payload.Length} bytes)";
}
