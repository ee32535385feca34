using System.Buffers.Binary;
using System.Net.Sockets;

namespace Sesame.Linux.Netlink;

/// <summary>
/// A netlink socket bound to one NFLOG group in copy-packet mode with a queue threshold of 1, so each logged packet is
/// delivered at once instead of after the kernel's one-second flush timer (PLATFORM-NOTES). Binding needs CAP_NET_ADMIN,
/// and only one socket can hold a group: a second daemon in the same network namespace fails here with EPERM/EBUSY.
/// </summary>
internal sealed class NflogSocket : IDisposable
{
    private const int ReceiveBufferSize = 8 << 20;

    private const int SOL_SOCKET = 1;

    private const int SO_RCVBUFFORCE = 33;

    private readonly Socket _socket;
    private readonly ushort _group;
    private uint _sequence;

    public NflogSocket(ushort group, int copyRange)
    {
        _group = group;
        _socket = NetfilterSocket.Open(message => new NflogException(message));
        _socket.ReceiveBufferSize = ReceiveBufferSize;
        try
        {
            // SO_RCVBUF is capped at net.core.rmem_max (208 KB by default), a few hundred SPA packets; SO_RCVBUFFORCE
            // (CAP_NET_ADMIN, which binding needs anyway) is not, so a burst is absorbed instead of lost.
            _socket.SetRawSocketOption(SOL_SOCKET, SO_RCVBUFFORCE, BitConverter.GetBytes(ReceiveBufferSize));
        }
        catch (SocketException)
        {
            // Without the capability the capped buffer stays; ENOBUFS is then counted in Overruns.
        }

        try
        {
            Configure(NflogConstants.NFULA_CFG_CMD, [NflogConstants.NFULNL_CFG_CMD_BIND], "bind the group");
            Span<byte> mode = stackalloc byte[6];
            BinaryPrimitives.WriteInt32BigEndian(mode, copyRange);
            mode[4] = NflogConstants.NFULNL_COPY_PACKET;
            Configure(NflogConstants.NFULA_CFG_MODE, mode, "set copy-packet mode");
            Span<byte> one = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(one, 1);
            Configure(NflogConstants.NFULA_CFG_QTHRESH, one, "set the queue threshold");
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>How long <see cref="Receive"/> waits before it returns 0, so the caller can do periodic work.</summary>
    public TimeSpan ReceiveTimeout
    {
        get => TimeSpan.FromMilliseconds(_socket.ReceiveTimeout);
        set => _socket.ReceiveTimeout = (int)value.TotalMilliseconds;
    }

    /// <summary>Receives one datagram (one or more netlink messages); 0 on timeout.</summary>
    public int Receive(Span<byte> buffer)
    {
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
            // ENOBUFS: the kernel dropped messages because the receive buffer was full. Lost reports, not lost knocks:
            // the kernel has already updated the sets of add-to-list rules.
            Overruns++;
            return 0;
        }
    }

    /// <summary>The receive buffer the kernel gave the socket (twice what was asked, as the kernel counts its overhead).</summary>
    public int ReceiveBufferBytes => _socket.ReceiveBufferSize;

    /// <summary>Whether a datagram is waiting (so that <see cref="Receive"/> would not wait).</summary>
    public bool HasPending => _socket.Poll(0, SelectMode.SelectRead);

    /// <summary>How often the kernel reported dropped messages (ENOBUFS).</summary>
    public long Overruns { get; private set; }

    public void Dispose()
    {
        try
        {
            Configure(NflogConstants.NFULA_CFG_CMD, [NflogConstants.NFULNL_CFG_CMD_UNBIND], "unbind the group");
        }
        catch (Exception e) when (e is NflogException or SocketException or ObjectDisposedException)
        {
            // Closing the socket releases the group anyway.
        }

        _socket.Dispose();
    }

    /// <summary>Sends one NFULNL_MSG_CONFIG with one attribute and waits for its acknowledgement, matched by sequence number.</summary>
    private void Configure(ushort attribute, ReadOnlySpan<byte> value, string what)
    {
        uint sequence = ++_sequence;
        int attributeLength = 4 + value.Length;
        int length = NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN + ((attributeLength + 3) & ~3);
        Span<byte> message = stackalloc byte[length];
        message.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message[4..], (NflogConstants.NFNL_SUBSYS_ULOG << 8) | NflogConstants.NFULNL_MSG_CONFIG);
        BinaryPrimitives.WriteUInt16LittleEndian(message[6..], NflogConstants.NLM_F_REQUEST | NflogConstants.NLM_F_ACK);
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], sequence);
        message[NflogConstants.NLMSG_HDRLEN] = 0; // AF_UNSPEC: the group serves both families
        message[NflogConstants.NLMSG_HDRLEN + 1] = NflogConstants.NFNETLINK_V0;
        BinaryPrimitives.WriteUInt16BigEndian(message[(NflogConstants.NLMSG_HDRLEN + 2)..], _group);
        Span<byte> attr = message[(NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN)..];
        BinaryPrimitives.WriteUInt16LittleEndian(attr, (ushort)attributeLength);
        BinaryPrimitives.WriteUInt16LittleEndian(attr[2..], attribute);
        value.CopyTo(attr[4..]);
        _socket.Send(message);

        byte[] buffer = new byte[8192];
        TimeSpan previous = ReceiveTimeout;
        _socket.ReceiveTimeout = 2000;
        try
        {
            for (int attempt = 0; attempt < 64; attempt++)
            {
                int received = _socket.Receive(buffer);
                var reader = new NflogMessageReader(buffer.AsSpan(0, received));
                while (reader.TryReadNext(out _))
                {
                }

                if (reader.LastError is { } error && error.Sequence == sequence)
                {
                    if (error.Errno != 0)
                    {
                        throw new NflogException($"NFLOG group {_group}: could not {what}: errno {error.Errno}{(Nftables.NftErrno.Classify(error.Errno) == Nftables.NftError.NotPermitted ? " (EPERM: needs CAP_NET_ADMIN, or another process holds the group)" : "")}");
                    }

                    return;
                }
            }

            throw new NflogException($"NFLOG group {_group}: no answer to '{what}'");
        }
        catch (SocketException e)
        {
            throw new NflogException($"NFLOG group {_group}: could not {what}: {e.Message}");
        }
        finally
        {
            _socket.ReceiveTimeout = (int)previous.TotalMilliseconds;
        }
    }
}
