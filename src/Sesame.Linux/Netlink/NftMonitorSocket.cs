using System.Buffers.Binary;
using System.Net.Sockets;

namespace Sesame.Linux.Netlink;

/// <summary>
/// A NETLINK_NETFILTER socket that has joined NFNLGRP_NFTABLES: the kernel sends it a copy of every committed nf_tables
/// change in the socket's network namespace (what <c>nft monitor</c> prints). Receiving needs no capability; the daemon
/// opens it before it applies its ruleset, so no change after that is missed.
/// </summary>
internal sealed class NftMonitorSocket : IDisposable
{
    /// <summary>A flush of a big set sends one message per element: room for tens of thousands before ENOBUFS.</summary>
    private const int ReceiveBufferSize = 8 << 20;

    private const int SOL_SOCKET = 1;
    private const int SO_RCVBUFFORCE = 33;

    private readonly Socket _socket;

    public NftMonitorSocket()
    {
        _socket = NetfilterSocket.Open(message => new NflogException(message));
        try
        {
            // SO_RCVBUF is capped by net.core.rmem_max (208 KB by default); SO_RCVBUFFORCE, which CAP_NET_ADMIN allows,
            // is not. Without the capability the capped size will do: an overflow is noticed and treated as tampering.
            Span<byte> size = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(size, ReceiveBufferSize);
            try
            {
                _socket.SetRawSocketOption(SOL_SOCKET, SO_RCVBUFFORCE, size);
            }
            catch (SocketException)
            {
                _socket.ReceiveBufferSize = ReceiveBufferSize;
            }

            Span<byte> group = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(group, NftMonitorConstants.NFNLGRP_NFTABLES);
            _socket.SetRawSocketOption(NftMonitorConstants.SOL_NETLINK, NftMonitorConstants.NETLINK_ADD_MEMBERSHIP, group);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new NflogException($"could not join the nf_tables notification group: {e.Message}");
        }
    }

    /// <summary>
    /// Waits for one datagram, at most <paramref name="timeout"/> (null: until one comes — the thread sleeps in the
    /// kernel). Returns its length, 0 on timeout, or -1 when the kernel dropped notifications (ENOBUFS: the buffer was full,
    /// so what changed is unknown).
    /// </summary>
    public int Receive(Span<byte> buffer, TimeSpan? timeout)
    {
        _socket.ReceiveTimeout = timeout is { } t ? Math.Max(1, (int)Math.Ceiling(t.TotalMilliseconds)) : 0;
        try
        {
            return _socket.Receive(buffer);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
        {
            return 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
        {
            return -1;
        }
    }

    /// <summary>
    /// Asks the kernel for the current generation (NFT_MSG_GETGEN). Its answer, a NEWGEN sent to this socket alone, wakes a
    /// thread blocked in <see cref="Receive"/>: the way to stop the watcher without a timeout loop.
    /// </summary>
    public void Poke()
    {
        Span<byte> message = stackalloc byte[NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN];
        message.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message[4..], (NftMonitorConstants.NFNL_SUBSYS_NFTABLES << 8) | NftMonitorConstants.NFT_MSG_GETGEN);
        BinaryPrimitives.WriteUInt16LittleEndian(message[6..], NflogConstants.NLM_F_REQUEST);
        _socket.Send(message);
    }

    public void Dispose() => _socket.Dispose();
}
