using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sesame.Knock;

/// <summary>Binds a knock socket to the source address and interface the user asked for.</summary>
internal static class SocketBinding
{
    private const int SOL_SOCKET = 1;
    private const int SO_BINDTODEVICE = 25;

    public static void Apply(Socket socket, KnockSettings settings)
    {
        if (settings.Interface is { } name)
        {
            byte[] value = Encoding.ASCII.GetBytes(name + "\0");
            try
            {
                socket.SetRawSocketOption(SOL_SOCKET, SO_BINDTODEVICE, value);
            }
            catch (SocketException ex)
            {
                throw new KnockException(ex.NativeErrorCode switch
                {
                    Errno.ENODEV => $"no interface '{name}'",
                    int e when Errno.IsPermission(e) => $"binding to interface '{name}' needs CAP_NET_RAW (run as root)",
                    _ => $"cannot bind to interface '{name}': {ex.Message}",
                }, ex);
            }
        }

        if (settings.Source is { } source)
        {
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
            }
            catch (SocketException ex)
            {
                throw new KnockException(ex.NativeErrorCode == Errno.EADDRNOTAVAIL
                    ? $"source address {source} is not an address of this host"
                    : $"cannot knock from {source}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Turns an error from sending into a message that names the target.</summary>
    public static KnockException SendFailure(SocketException ex, IPEndPoint target) => new(ex.NativeErrorCode switch
    {
        Errno.ENETUNREACH => $"{target.Address} is unreachable: no route",
        Errno.EHOSTUNREACH => $"{target.Address} is unreachable (host down)",
        int e when Errno.IsPermission(e) => $"sending to {target} was refused by the local firewall or a missing privilege",
        _ => $"cannot send to {target}: {ex.Message}",
    }, ex);
}
