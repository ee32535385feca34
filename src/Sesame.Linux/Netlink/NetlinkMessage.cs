using System.Buffers.Binary;

namespace Sesame.Linux.Netlink;

/// <summary>One netlink message (<c>struct nlmsghdr</c> and its body) at the start of a datagram's remaining bytes.</summary>
internal readonly ref struct NetlinkMessage(ushort type, uint sequence, ReadOnlySpan<byte> body)
{
    public ushort Type { get; } = type;

    public uint Sequence { get; } = sequence;

    /// <summary>What follows the header, up to the header's length (padding excluded).</summary>
    public ReadOnlySpan<byte> Body { get; } = body;

    /// <summary>
    /// Reads the message at the start of <paramref name="rest"/>; <paramref name="consumed"/> is its length with padding,
    /// so the next message starts there. False when fewer bytes than a header remain or the header's length is shorter
    /// than a header or longer than what remains (a truncated datagram); <paramref name="declared"/> is that length (0
    /// when there was no header).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> rest, out NetlinkMessage message, out int consumed, out uint declared)
    {
        message = default;
        consumed = 0;
        declared = 0;
        if (rest.Length < NflogConstants.NLMSG_HDRLEN)
        {
            return false;
        }

        declared = BinaryPrimitives.ReadUInt32LittleEndian(rest);
        if (declared < NflogConstants.NLMSG_HDRLEN || declared > rest.Length)
        {
            return false;
        }

        message = new NetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(rest[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]),
            rest[NflogConstants.NLMSG_HDRLEN..(int)declared]);
        consumed = (int)Math.Min((uint)rest.Length, (declared + 3) & ~3u);
        return true;
    }
}
