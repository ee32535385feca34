using System.Buffers.Binary;

namespace Sesame.Linux.Netlink;

/// <summary>
/// Walks the netlink messages of one <c>recv</c>: a datagram may hold several (nlmsghdr, 4-byte aligned). Yields the
/// NFLOG packet messages; an error or acknowledgement is reported through <see cref="LastError"/>. Netlink headers are
/// in host byte order (little-endian here), the attributes' payload fields in network order (nfnetlink_log.h).
/// </summary>
internal ref struct NflogMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NflogMessageReader(ReadOnlySpan<byte> datagram)
    {
        _rest = datagram;
    }

    /// <summary>The sequence number and errno (0 for an acknowledgement) of the last NLMSG_ERROR seen, if any.</summary>
    public (uint Sequence, int Errno)? LastError { get; private set; }

    /// <summary>The next packet message; false at the end or at a truncated message (the rest is ignored).</summary>
    public bool TryReadNext(out NflogPacket packet)
    {
        packet = default;
        while (_rest.Length >= NflogConstants.NLMSG_HDRLEN)
        {
            if (!NetlinkMessage.TryRead(_rest, out NetlinkMessage message, out int consumed, out _))
            {
                _rest = default;
                return false;
            }

            _rest = _rest[consumed..];
            ushort type = message.Type;
            ReadOnlySpan<byte> body = message.Body;
            if (type == NflogConstants.NLMSG_ERROR && body.Length >= 4)
            {
                // struct nlmsgerr: a negative errno, or 0 for an acknowledgement.
                LastError = (message.Sequence, -BinaryPrimitives.ReadInt32LittleEndian(body));
                continue;
            }

            if (type != ((NflogConstants.NFNL_SUBSYS_ULOG << 8) | NflogConstants.NFULNL_MSG_PACKET) || body.Length < NflogConstants.NFGENMSG_LEN)
            {
                continue;
            }

            if (TryDecode(body, out packet))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryDecode(ReadOnlySpan<byte> body, out NflogPacket packet)
    {
        byte family = body[0];
        ReadOnlySpan<byte> prefix = default;
        ReadOnlySpan<byte> payload = default;
        ReadOnlySpan<byte> attributes = body[NflogConstants.NFGENMSG_LEN..];
        while (attributes.Length >= 4)
        {
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & NflogConstants.NLA_TYPE_MASK);
            if (length < 4 || length > attributes.Length)
            {
                break;
            }

            ReadOnlySpan<byte> value = attributes[4..length];
            if (type == NflogConstants.NFULA_PREFIX)
            {
                int nul = value.IndexOf((byte)0);
                prefix = nul >= 0 ? value[..nul] : value;
            }
            else if (type == NflogConstants.NFULA_PAYLOAD)
            {
                payload = value;
            }

            attributes = attributes[Math.Min(attributes.Length, (int)Align(length))..];
        }

        packet = new NflogPacket(family, prefix, payload);
        return payload.Length > 0;
    }

    private static uint Align(uint length) => (length + 3) & ~3u;
}
