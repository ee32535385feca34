using System.Buffers.Binary;
using System.Text;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Netlink;

/// <summary>An element's timeout and time left, as the kernel reports them; null for an element without timeout.</summary>
/// <param name="Comment">The element's comment (nftables keeps it in the element's userdata), or null.</param>
internal readonly record struct NftElementState(TimeSpan? Timeout, TimeSpan? Expires, string? Comment = null);

/// <summary>One element write of a <see cref="NftSetElements.Write"/> transaction: an add (with timeout and comment) or a delete.</summary>
internal sealed record NftElementWrite(bool Add, string Set, IpRange Address, TimeSpan? Timeout = null, string? Comment = null)
{
    /// <summary>
    /// Puts <paramref name="address"/> into <paramref name="set"/> with a fresh <paramref name="timeout"/>: add, delete,
    /// add in the same transaction, since a plain add leaves an existing element's old timeout (PLATFORM-NOTES). The
    /// timeout is whole seconds, as the compiler and libnftables' JSON give the kernel (<see cref="NftExpr.Seconds"/>).
    /// </summary>
    public static NftElementWrite[] Refreshing(string set, IpRange address, TimeSpan? timeout, string? comment = null)
    {
        TimeSpan? seconds = timeout is { } t ? TimeSpan.FromSeconds(NftExpr.Seconds(t)) : null;
        var added = new NftElementWrite(true, set, address, seconds, comment);
        return [added, new NftElementWrite(false, set, address), added];
    }
}

/// <summary>What <see cref="NftSetElements.Dump"/> read: at most the asked number of elements, and whether there were more.</summary>
internal sealed record NftElementDump(IReadOnlyList<(IpRange Address, NftElementState State)> Elements, bool Truncated);

/// <summary>
/// The nf_tables set-element messages <see cref="NftSetElements"/> sends and reads (linux/netfilter/nf_tables.h,
/// nfnetlink.h), as bytes, so that they can be checked without a kernel. Netlink headers are in host order
/// (little-endian here), attribute values such as timeouts in network order.
/// </summary>
internal static class NftSetElementMessages
{
    public const byte NFNL_SUBSYS_NFTABLES = 10;
    public const byte NFT_MSG_NEWSETELEM = 12;
    public const byte NFT_MSG_GETSETELEM = 13;
    public const byte NFT_MSG_DELSETELEM = 14;
    public const ushort NFNL_MSG_BATCH_BEGIN = 0x10;
    public const ushort NFNL_MSG_BATCH_END = 0x11;
    public const ushort NLM_F_CREATE = 0x400;
    public const ushort NLM_F_DUMP = 0x300;
    public const byte NFPROTO_INET = 1;

    public const ushort NFTA_SET_ELEM_LIST_TABLE = 1;
    public const ushort NFTA_SET_ELEM_LIST_SET = 2;
    public const ushort NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    public const ushort NFTA_LIST_ELEM = 1;
    public const ushort NFTA_SET_ELEM_KEY = 1;
    public const ushort NFTA_SET_ELEM_TIMEOUT = 4;
    public const ushort NFTA_SET_ELEM_EXPIRATION = 5;
    public const ushort NFTA_SET_ELEM_USERDATA = 6;

    /// <summary>libnftnl's userdata record type of an element's comment (NFTNL_UDATA_SET_ELEM_COMMENT).</summary>
    public const byte NFTNL_UDATA_SET_ELEM_COMMENT = 0;
    public const ushort NFTA_DATA_VALUE = 1;
    public const ushort NLA_F_NESTED = 0x8000;

    /// <summary>A GETSETELEM request: one element by key (<paramref name="key"/> not empty), or the whole set as a dump.</summary>
    public static byte[] Request(uint sequence, string table, string set, ReadOnlySpan<byte> key)
    {
        var body = new List<byte>(128);
        Attribute(body, NFTA_SET_ELEM_LIST_TABLE, CString(table));
        Attribute(body, NFTA_SET_ELEM_LIST_SET, CString(set));
        if (!key.IsEmpty)
        {
            var value = new List<byte>();
            Attribute(value, NFTA_DATA_VALUE, key.ToArray());
            var keyNest = new List<byte>();
            Attribute(keyNest, NFTA_SET_ELEM_KEY | NLA_F_NESTED, [.. value]);
            var element = new List<byte>();
            Attribute(element, NFTA_LIST_ELEM | NLA_F_NESTED, [.. keyNest]);
            Attribute(body, NFTA_SET_ELEM_LIST_ELEMENTS | NLA_F_NESTED, [.. element]);
        }

        int length = NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN + body.Count;
        byte[] message = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETSETELEM);
        ushort flags = key.IsEmpty ? (ushort)(NflogConstants.NLM_F_REQUEST | NLM_F_DUMP) : (ushort)(NflogConstants.NLM_F_REQUEST | NflogConstants.NLM_F_ACK);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        message[NflogConstants.NLMSG_HDRLEN] = NFPROTO_INET;
        message[NflogConstants.NLMSG_HDRLEN + 1] = NflogConstants.NFNETLINK_V0;
        body.CopyTo(message, NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN);
        return message;
    }

    /// <summary>
    /// One nf_tables transaction that writes elements of <c>inet TABLE</c>: a batch begin, one NEWSETELEM (add, not
    /// exclusive: an element that is there stays as it was) or DELSETELEM per write, each asking for an acknowledgement,
    /// and a batch end. Sequence numbers are <paramref name="firstSequence"/> onwards, one per element message.
    /// </summary>
    public static byte[] Batch(uint firstSequence, string table, IReadOnlyList<NftElementWrite> writes)
    {
        var message = new List<byte>(64 + (writes.Count * 96));
        Header(message, NFNL_MSG_BATCH_BEGIN, NflogConstants.NLM_F_REQUEST, firstSequence - 1, family: 0, resId: NFNL_SUBSYS_NFTABLES, []);
        for (int i = 0; i < writes.Count; i++)
        {
            NftElementWrite write = writes[i];
            var element = new List<byte>();
            var value = new List<byte>();
            Attribute(value, NFTA_DATA_VALUE, Key(write.Address));
            Attribute(element, NFTA_SET_ELEM_KEY | NLA_F_NESTED, [.. value]);
            if (write.Add && write.Timeout is { } timeout)
            {
                byte[] milliseconds = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(milliseconds, (ulong)timeout.TotalMilliseconds);
                Attribute(element, NFTA_SET_ELEM_TIMEOUT, milliseconds);
            }

            if (write.Add && write.Comment is { } comment)
            {
                Attribute(element, NFTA_SET_ELEM_USERDATA, CommentUserdata(comment));
            }

            var list = new List<byte>();
            Attribute(list, NFTA_LIST_ELEM | NLA_F_NESTED, [.. element]);
            var body = new List<byte>();
            Attribute(body, NFTA_SET_ELEM_LIST_TABLE, CString(table));
            Attribute(body, NFTA_SET_ELEM_LIST_SET, CString(write.Set));
            Attribute(body, NFTA_SET_ELEM_LIST_ELEMENTS | NLA_F_NESTED, [.. list]);
            ushort flags = (ushort)(NflogConstants.NLM_F_REQUEST | NflogConstants.NLM_F_ACK | (write.Add ? NLM_F_CREATE : 0));
            Header(message, (ushort)((NFNL_SUBSYS_NFTABLES << 8) | (write.Add ? NFT_MSG_NEWSETELEM : NFT_MSG_DELSETELEM)), flags,
                firstSequence + (uint)i, NFPROTO_INET, 0, [.. body]);
        }

        Header(message, NFNL_MSG_BATCH_END, NflogConstants.NLM_F_REQUEST, firstSequence + (uint)writes.Count, family: 0, resId: NFNL_SUBSYS_NFTABLES, []);
        return [.. message];
    }

    /// <summary>A comment as libnftnl keeps it in an element's userdata: type 0, length, the C string.</summary>
    /// <exception cref="ArgumentException">Longer than a userdata record holds, or with a NUL.</exception>
    public static byte[] CommentUserdata(string comment)
    {
        byte[] text = [.. Encoding.UTF8.GetBytes(comment), 0];
        if (text.Length > byte.MaxValue || comment.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a comment of at most 254 bytes without NUL", nameof(comment));
        }

        return [NFTNL_UDATA_SET_ELEM_COMMENT, (byte)text.Length, .. text];
    }

    /// <summary>
    /// The acknowledgements of a batch in one datagram: counts those for sequences in
    /// [<paramref name="first"/>, <paramref name="first"/> + count) and keeps the first non-zero errno.
    /// </summary>
    public static (int Answers, int Errno) ReadAcks(ReadOnlySpan<byte> datagram, uint first, int count)
    {
        int answers = 0;
        int errno = 0;
        while (NetlinkMessage.TryRead(datagram, out NetlinkMessage message, out int consumed, out _))
        {
            datagram = datagram[consumed..];
            if (message.Type == NflogConstants.NLMSG_ERROR && message.Body.Length >= 4 && message.Sequence - first < (uint)count)
            {
                answers++;
                int e = -BinaryPrimitives.ReadInt32LittleEndian(message.Body);
                if (errno == 0 && e != 0)
                {
                    errno = e;
                }
            }
        }

        return (answers, errno);
    }

    private static void Header(List<byte> into, ushort type, ushort flags, uint sequence, byte family, byte resId, byte[] body)
    {
        int length = NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN + body.Length;
        Span<byte> header = stackalloc byte[NflogConstants.NLMSG_HDRLEN + NflogConstants.NFGENMSG_LEN];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], sequence);
        header[NflogConstants.NLMSG_HDRLEN] = family;
        header[NflogConstants.NLMSG_HDRLEN + 1] = NflogConstants.NFNETLINK_V0;
        BinaryPrimitives.WriteUInt16BigEndian(header[(NflogConstants.NLMSG_HDRLEN + 2)..], resId);
        into.AddRange(header);
        into.AddRange(body);
        for (int pad = length; pad % 4 != 0; pad++)
        {
            into.Add(0);
        }
    }

    /// <summary>A host address as a set key: 4 or 16 bytes in network order.</summary>
    public static byte[] Key(IpRange address)
    {
        if (!address.IsHost)
        {
            throw new ArgumentException($"{address} is not a single address", nameof(address));
        }

        if (address.Family == IpFamily.V4)
        {
            byte[] v4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)address.First);
            return v4;
        }

        byte[] v6 = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, address.First);
        return v6;
    }

    /// <summary>
    /// The messages of one datagram: every element of a NEWSETELEM reply goes to <paramref name="elements"/>; an
    /// NLMSG_ERROR (errno, 0 for an acknowledgement) and NLMSG_DONE are returned for the caller's sequence.
    /// </summary>
    public static (bool Done, int? Errno) Read(ReadOnlySpan<byte> datagram, uint sequence, List<(IpRange, NftElementState)> elements)
    {
        bool done = false;
        int? errno = null;
        while (NetlinkMessage.TryRead(datagram, out NetlinkMessage message, out int consumed, out _))
        {
            datagram = datagram[consumed..];
            if (message.Sequence != sequence)
            {
                continue; // an answer to an earlier request that was given up
            }

            ushort type = message.Type;
            ReadOnlySpan<byte> body = message.Body;

            if (type == NflogConstants.NLMSG_ERROR && body.Length >= 4)
            {
                errno = -BinaryPrimitives.ReadInt32LittleEndian(body);
                done = true;
            }
            else if (type == NflogConstants.NLMSG_DONE)
            {
                done = true;
            }
            else if (type == ((NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWSETELEM) && body.Length >= NflogConstants.NFGENMSG_LEN)
            {
                ReadElements(body[NflogConstants.NFGENMSG_LEN..], elements);
            }
        }

        return (done, errno);
    }

    internal static void ReadElements(ReadOnlySpan<byte> attributes, List<(IpRange, NftElementState)> elements)
    {
        foreach ((ushort type, int start, int length) in Attributes(attributes))
        {
            if (type != NFTA_SET_ELEM_LIST_ELEMENTS)
            {
                continue;
            }

            ReadOnlySpan<byte> list = attributes.Slice(start, length);
            foreach ((ushort elementType, int elementStart, int elementLength) in Attributes(list))
            {
                if (elementType == NFTA_LIST_ELEM && TryReadElement(list.Slice(elementStart, elementLength), out IpRange address, out NftElementState state))
                {
                    elements.Add((address, state));
                }
            }
        }
    }

    private static bool TryReadElement(ReadOnlySpan<byte> element, out IpRange address, out NftElementState state)
    {
        address = default;
        ReadOnlySpan<byte> key = default;
        TimeSpan? timeout = null;
        TimeSpan? expires = null;
        string? comment = null;
        foreach ((ushort type, int start, int length) in Attributes(element))
        {
            ReadOnlySpan<byte> value = element.Slice(start, length);
            switch (type)
            {
                case NFTA_SET_ELEM_KEY:
                    foreach ((ushort dataType, int dataStart, int dataLength) in Attributes(value))
                    {
                        if (dataType == NFTA_DATA_VALUE)
                        {
                            key = value.Slice(dataStart, dataLength);
                        }
                    }

                    break;
                case NFTA_SET_ELEM_TIMEOUT when value.Length == 8:
                    timeout = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadUInt64BigEndian(value));
                    break;
                case NFTA_SET_ELEM_EXPIRATION when value.Length == 8:
                    expires = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadUInt64BigEndian(value));
                    break;
                case NFTA_SET_ELEM_USERDATA:
                    comment = ReadComment(value);
                    break;
            }
        }

        state = new NftElementState(timeout, expires, comment);
        switch (key.Length)
        {
            case 4:
                address = IpRange.Host(IpFamily.V4, BinaryPrimitives.ReadUInt32BigEndian(key));
                return true;
            case 16:
                address = IpRange.Host(IpFamily.V6, BinaryPrimitives.ReadUInt128BigEndian(key));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The comment in an element's userdata: libnftnl's records of one type byte, one length byte and the value; the
    /// comment's value is a C string. Null when there is none or the records are damaged.
    /// </summary>
    internal static string? ReadComment(ReadOnlySpan<byte> userdata)
    {
        int offset = 0;
        while (userdata.Length - offset >= 2)
        {
            byte type = userdata[offset];
            int length = userdata[offset + 1];
            if (length > userdata.Length - offset - 2)
            {
                return null;
            }

            ReadOnlySpan<byte> value = userdata.Slice(offset + 2, length);
            if (type == NFTNL_UDATA_SET_ELEM_COMMENT)
            {
                int end = value.IndexOf((byte)0);
                return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
            }

            offset += 2 + length;
        }

        return null;
    }

    /// <summary>The attributes of a block: type (flag bits cleared), and where the value lies in the block.</summary>
    private static List<(ushort Type, int Start, int Length)> Attributes(ReadOnlySpan<byte> block)
    {
        var result = new List<(ushort, int, int)>();
        int offset = 0;
        while (block.Length - offset >= 4)
        {
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(block[offset..]);
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(block[(offset + 2)..]) & NflogConstants.NLA_TYPE_MASK);
            if (length < 4 || length > block.Length - offset)
            {
                break;
            }

            result.Add((type, offset + 4, length - 4));
            offset += Align(length);
        }

        return result;
    }

    private static void Attribute(List<byte> into, ushort type, byte[] value)
    {
        int length = 4 + value.Length;
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        into.AddRange(header);
        into.AddRange(value);
        for (int pad = length; pad % 4 != 0; pad++)
        {
            into.Add(0);
        }
    }

    private static byte[] CString(string text) => [.. Encoding.UTF8.GetBytes(text), 0];

    private static int Align(int length) => (length + 3) & ~3;
}
