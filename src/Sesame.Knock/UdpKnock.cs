using System.Net;
using System.Net.Sockets;

namespace Sesame.Knock;

/// <summary>A UDP knock: one datagram with the step's payload (possibly empty). Needs no privileges.</summary>
internal static class UdpKnock
{
    public static KnockOutcome Send(IPEndPoint target, ReadOnlySpan<byte> payload, KnockSettings settings)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        SocketBinding.Apply(socket, settings);
        try
        {
            socket.SendTo(payload, SocketFlags.None, target);
        }
        catch (SocketException ex)
        {
            throw SocketBinding.SendFailure(ex, target);
        }

        return KnockOutcome.Sent;
    }
}
