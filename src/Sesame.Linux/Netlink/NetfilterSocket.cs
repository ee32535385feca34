using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sesame.Linux.Netlink;

/// <summary>
/// A bound NETLINK_NETFILTER socket in the calling thread's network namespace, made through libc because .NET's
/// <c>Socket</c> has no <c>AddressFamily</c> for netlink (PLATFORM-NOTES). NFLOG and the nf_tables element reads share it.
/// </summary>
internal static class NetfilterSocket
{
    /// <param name="failure">Makes the caller's exception from a message (each caller reports in its own terms).</param>
    public static Socket Open(Func<string, Exception> failure)
    {
        int fd = Interop.Libc.Socket(Interop.Libc.AF_NETLINK, Interop.Libc.SOCK_RAW | Interop.Libc.SOCK_CLOEXEC, Interop.Libc.NETLINK_NETFILTER);
        if (fd < 0)
        {
            throw failure($"socket(AF_NETLINK, NETLINK_NETFILTER) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var address = new Interop.Libc.SockaddrNl { Family = Interop.Libc.AF_NETLINK };
        if (Interop.Libc.Bind(fd, ref address, Marshal.SizeOf<Interop.Libc.SockaddrNl>()) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Interop.Libc.Close(fd);
            throw failure($"bind(AF_NETLINK) failed: errno {errno}");
        }

        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }
}
