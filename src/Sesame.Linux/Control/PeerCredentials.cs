using System.Buffers.Binary;
using System.Net.Sockets;

namespace Sesame.Linux.Control;

/// <summary>
/// Who is at the other end of a Unix stream socket, as the kernel recorded it when the connection was made
/// (<c>SO_PEERCRED</c>, <c>struct ucred</c>): a peer cannot lie about it.
/// </summary>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    private const int SOL_SOCKET = 1;
    private const int SO_PEERCRED = 17;

    /// <summary>The effective uid of this process.</summary>
    public static uint OwnUid => Interop.Libc.GetEUid();

    /// <summary>Reads the peer's credentials of a connected Unix socket.</summary>
    /// <exception cref="SocketException">Not a connected Unix socket.</exception>
    public static PeerCredentials Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        int length = socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, ucred);
        if (length < 12)
        {
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        }

        return new PeerCredentials(BinaryPrimitives.ReadInt32LittleEndian(ucred), BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]));
    }

    /// <summary>Root, or the user the daemon runs as: nobody else may run scripts through the daemon.</summary>
    public static bool IsAdmitted(PeerCredentials peer, uint ownUid) => peer.Uid == 0 || peer.Uid == ownUid;
}
