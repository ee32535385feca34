using System.Net;
using System.Net.Sockets;

namespace Sesame.Tests.Commands;

/// <summary>A test that needs the IPv6 loopback address (::1); skipped, with the reason, where IPv6 is disabled (some containers).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Ipv6LoopbackFactAttribute : FactAttribute
{
    private static readonly bool Available = Probe();

    public Ipv6LoopbackFactAttribute()
    {
        if (!Available)
        {
            Skip = "no IPv6 loopback (::1) here";
        }
    }

    private static bool Probe()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
