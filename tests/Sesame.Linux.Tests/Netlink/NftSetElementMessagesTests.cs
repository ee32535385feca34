using System.Buffers.Binary;
using Sesame.Linux.Netlink;
using Sesame.Net;

namespace Sesame.Tests.Netlink;

public sealed class NftSetElementMessagesTests
{
    [Theory]
    [InlineData("granted-by-script")]
    [InlineData("")]
    [InlineData("ü \"; flush ruleset; }")]
    public void CommentUserdata_ReadBack_SameComment(string comment) =>
        Assert.Equal(comment, NftSetElementMessages.ReadComment(NftSetElementMessages.CommentUserdata(comment)));

    [Fact]
    public void CommentUserdata_LibnftnlLayout_TypeLengthCString() =>
        Assert.Equal([0, 3, (byte)'a', (byte)'b', 0], NftSetElementMessages.CommentUserdata("ab"));

    [Fact]
    public void ReadComment_DamagedLength_Null() => Assert.Null(NftSetElementMessages.ReadComment([0, 200, (byte)'a']));

    [Fact]
    public void CommentUserdata_TooLongOrNul_Refused()
    {
        Assert.Throws<ArgumentException>(() => NftSetElementMessages.CommentUserdata(new string('x', 255)));
        Assert.Throws<ArgumentException>(() => NftSetElementMessages.CommentUserdata("a\0b"));
    }

    [Fact]
    public void Batch_AddAndDelete_BeginElementMessagesEndWithAcksAsked()
    {
        IpRange address = IpRange.Host(IpFamily.V4, 0xC0000201);
        byte[] batch = NftSetElementMessages.Batch(10, "sesame", [new(true, "v4_secured", address, TimeSpan.FromMinutes(30), "c"), new(false, "v4_knock2", address)]);

        List<(ushort Type, ushort Flags, uint Sequence)> messages = [];
        for (int at = 0; at < batch.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(batch.AsSpan(at));
            messages.Add((BinaryPrimitives.ReadUInt16LittleEndian(batch.AsSpan(at + 4)), BinaryPrimitives.ReadUInt16LittleEndian(batch.AsSpan(at + 6)),
                BinaryPrimitives.ReadUInt32LittleEndian(batch.AsSpan(at + 8))));
            at += (length + 3) & ~3;
        }

        Assert.Equal(
            [(0x10, 0x1, 9u), ((10 << 8) | 12, 0x1 | 0x4 | 0x400, 10u), ((10 << 8) | 14, 0x1 | 0x4, 11u), (0x11, 0x1, 12u)],
            messages.Select(m => ((int)m.Type, (int)m.Flags, m.Sequence)));
        var elements = new List<(IpRange, NftElementState)>();
        NftSetElementMessages.ReadElements(batch.AsSpan(20 + 20), elements);
        Assert.Equal([(address, new NftElementState(TimeSpan.FromMinutes(30), null, "c"))], elements);
    }

    [Fact]
    public void ReadAcks_OneRefused_CountsBothAndKeepsTheErrno()
    {
        byte[] datagram = [.. Ack(5, 0), .. Ack(6, -2), .. Ack(99, -1)];

        Assert.Equal((2, 2), NftSetElementMessages.ReadAcks(datagram, 5, 2));
    }

    private static byte[] Ack(uint sequence, int error)
    {
        byte[] message = new byte[36];
        BinaryPrimitives.WriteUInt32LittleEndian(message, 36);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(16), error);
        return message;
    }
}
