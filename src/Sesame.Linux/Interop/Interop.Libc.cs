using System.Runtime.InteropServices;

namespace Sesame.Linux;

internal static partial class Interop
{
    /// <summary>The libc calls .NET's <c>Socket</c> cannot make: it has no <c>AddressFamily</c> for netlink (PLATFORM-NOTES).</summary>
    internal static partial class Libc
    {
        internal const int AF_NETLINK = 16;

        internal const int SOCK_RAW = 3;

        internal const int SOCK_CLOEXEC = 0x80000;

        internal const int NETLINK_NETFILTER = 12;

        [LibraryImport(Libraries.Libc, EntryPoint = "socket", SetLastError = true)]
        internal static partial int Socket(int domain, int type, int protocol);

        [LibraryImport(Libraries.Libc, EntryPoint = "bind", SetLastError = true)]
        internal static partial int Bind(int fd, ref SockaddrNl address, int length);

        [LibraryImport(Libraries.Libc, EntryPoint = "close")]
        internal static partial int Close(int fd);

        /// <summary><c>struct sockaddr_nl</c>: family, padding, port id (0: the kernel picks one), multicast groups.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct SockaddrNl
        {
            public ushort Family;
            public ushort Pad;
            public uint Pid;
            public uint Groups;
        }
    }
}
