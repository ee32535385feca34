using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sesame.Knock;

/// <summary>
/// An ICMP echo request knock. A raw ICMP socket needs root or CAP_NET_RAW; without it the client falls back to the
/// kernel's unprivileged "ping socket" (SOCK_DGRAM, allowed when net.ipv4.ping_group_range holds the user's group),
/// and says what is missing when neither is allowed. .NET's Ping is not used: unprivileged it refuses custom payloads.
/// </summary>
internal static class IcmpEcho
{
    private const int EchoHeader = 8;
    private const byte ICMP_ECHO = 8;
    private const byte ICMP6_ECHO_REQUEST = 128;

    /// <summary>IP header plus echo header: the smallest packet size an echo request can have.</summary>
    public static int HeaderLength(AddressFamily family) => (family == AddressFamily.InterNetworkV6 ? 40 : 20) + EchoHeader;

    /// <summary>The echo data length that makes the whole IP packet <c>step.PacketSize</c> bytes long (or the payload's length when no size is set).</summary>
    public static int DataLength(KnockStep step, AddressFamily family) =>
        step.PacketSize is int size ? size - HeaderLength(family) : step.Payload.Length;

    public static KnockOutcome Send(IPAddress target, KnockStep step, ushort sequence, KnockSettings settings)
    {
        bool v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        ProtocolType protocol = v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        byte[] message = new byte[EchoHeader + DataLength(step, target.AddressFamily)];
        message[0] = v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), (ushort)Environment.ProcessId);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), sequence);
        step.Payload.Span.CopyTo(message.AsSpan(EchoHeader));

        // The kernel fills in the ICMPv6 checksum (it covers a pseudo-header) and, on ping sockets, the identifier
        // and the ICMP checksum too; a raw IPv4 socket sends the message exactly as written.
        if (!v6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), InternetChecksum.Of(message));
        }

        using Socket socket = Open(target.AddressFamily, protocol);
        SocketBinding.Apply(socket, settings);
        var endpoint = new IPEndPoint(target, 0);
        try
        {
            socket.SendTo(message, endpoint);
        }
        catch (SocketException ex)
        {
            throw SocketBinding.SendFailure(ex, endpoint);
        }

        return KnockOutcome.Sent;
    }

    private static Socket Open(AddressFamily family, ProtocolType protocol)
    {
        try
        {
            return new Socket(family, SocketType.Raw, protocol);
        }
        catch (SocketException raw) when (Errno.IsPermission(raw.NativeErrorCode))
        {
            try
            {
                return new Socket(family, SocketType.Dgram, protocol);
            }
            catch (SocketException ex) when (Errno.IsPermission(ex.NativeErrorCode) || ex.SocketErrorCode == SocketError.ProtocolNotSupported)
            {
                throw new KnockException(
                    "ICMP knocks need root or CAP_NET_RAW (sudo setcap cap_net_raw+ep on the dotnet host), or a "
                    + "net.ipv4.ping_group_range that includes your group", ex);
            }
        }
    }
}
