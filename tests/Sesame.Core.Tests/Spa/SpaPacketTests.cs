using System.Text;
using Sesame.Model;
using Sesame.Spa;
using Sesame.Time;

namespace Sesame.Tests.Spa;

public sealed class SpaPacketTests
{
    private static readonly SpaPort Ssh = new(IpProtocols.Tcp, 22);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Encode_ThenTryOpen_RoundTrips()
    {
        SpaMessage sent = SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh, new SpaPort(IpProtocols.Udp, 53)], null, _time);

        string packet = SpaPacket.Encode(sent, SpaTestKeys.Alice);
        SpaRejectReason? reason = SpaPacket.TryOpen(Encoding.ASCII.GetBytes(packet), SpaTestKeys.Alice, out SpaMessage? opened);

        Assert.Null(reason);
        Assert.NotNull(opened);
        Assert.Equal(sent with { Digest = opened.Digest }, opened);
        Assert.Equal(32, opened.Digest.Count);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), opened.Timestamp);
        Assert.Equal(SpaMessageType.Access, opened.Type);
    }

    [Theory]
    [InlineData(SpaHmacType.Sha256)]
    [InlineData(SpaHmacType.Sha384)]
    [InlineData(SpaHmacType.Sha512)]
    public void Encode_EachHmacType_Opens(SpaHmacType type)
    {
        var keys = new SpaKeys(SpaTestKeys.Alice.EncryptionKey, SpaTestKeys.Alice.HmacKey, type);

        string packet = SpaPacket.Encode(SpaPacket.NewAccess("a", "192.0.2.7", [Ssh], 60, _time), keys);

        Assert.Null(SpaPacket.TryOpen(Encoding.ASCII.GetBytes(packet), keys, out SpaMessage? opened));
        Assert.Equal(60, opened!.ClientTimeout);
        Assert.Equal(SpaMessageType.ClientTimeoutAccess, opened.Type);
    }

    [Fact]
    public void Encode_SamePacketTwice_DiffersButDigestIsTheFieldsOwn()
    {
        SpaMessage message = SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time);

        string one = SpaPacket.Encode(message, SpaTestKeys.Alice);
        string two = SpaPacket.Encode(message, SpaTestKeys.Alice);
        SpaPacket.TryOpen(Encoding.ASCII.GetBytes(one), SpaTestKeys.Alice, out SpaMessage? first);
        SpaPacket.TryOpen(Encoding.ASCII.GetBytes(two), SpaTestKeys.Alice, out SpaMessage? second);

        // A fresh salt each time, yet the same fields: the replay cache keys on the inner digest, so re-encrypting a
        // captured plaintext does not make it new.
        Assert.NotEqual(one, two);
        Assert.Equal(first!.Digest, second!.Digest);
    }

    [Fact]
    public void TryOpen_AnyByteChanged_Hmac()
    {
        byte[] packet = Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time), SpaTestKeys.Alice));
        for (int i = 0; i < packet.Length; i++)
        {
            byte[] changed = [.. packet];
            changed[i] = changed[i] == (byte)'A' ? (byte)'B' : (byte)'A';

            Assert.Equal(SpaRejectReason.Hmac, SpaPacket.TryOpen(changed, SpaTestKeys.Alice, out _));
        }
    }

    [Fact]
    public void TryOpen_WrongKey_Hmac()
    {
        byte[] packet = Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time), SpaTestKeys.Alice));

        Assert.Equal(SpaRejectReason.Hmac, SpaPacket.TryOpen(packet, SpaTestKeys.Bob, out SpaMessage? message));
        Assert.Null(message);
    }

    [Fact]
    public void TryOpen_RightHmacKeyWrongRijndaelKey_Decrypt()
    {
        byte[] packet = Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time), SpaTestKeys.Alice));
        var mixed = new SpaKeys(SpaTestKeys.Bob.EncryptionKey, SpaTestKeys.Alice.HmacKey);

        Assert.Equal(SpaRejectReason.Decrypt, SpaPacket.TryOpen(packet, mixed, out _));
    }

    public static TheoryData<string, byte[]> Junk()
    {
        byte[] good = Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, TimeProvider.System), SpaTestKeys.Alice));
        byte[] withNul = [.. good];
        withNul[50] = 0;
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "truncated", good[..^1] },
            { "truncated hard", good[..100] },
            { "one more byte", [.. good, (byte)'A'] },
            { "oversized", Enumerable.Repeat((byte)'A', SpaPacket.MaxLength + 1).ToArray() },
            { "1 MB", Enumerable.Repeat((byte)'A', 1 << 20).ToArray() },
            { "not base64", Encoding.ASCII.GetBytes(new string('*', 200)) },
            { "padding", [.. good[..^1], (byte)'='] },
            { "NUL", withNul },
            { "newline", [.. good, (byte)'\n'] },
            { "all A", Enumerable.Repeat((byte)'A', 300).ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public void TryOpen_Junk_RefusedWithoutException(string name, byte[] packet)
    {
        Assert.Equal(SpaRejectReason.Hmac, SpaPacket.TryOpen(packet, SpaTestKeys.Alice, out SpaMessage? message));
        Assert.Null(message);
        Assert.NotNull(name);
    }

    [Fact]
    public void TryOpen_RandomBytes_NeverThrows()
    {
        var random = new Random(11);
        for (int i = 0; i < 2000; i++)
        {
            byte[] packet = new byte[random.Next(0, 1600)];
            random.NextBytes(packet);

            Assert.NotNull(SpaPacket.TryOpen(packet, SpaTestKeys.Alice, out _));
        }
    }

    [Fact]
    public void Encode_CommandMessage_Refused()
    {
        SpaMessage command = SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time) with { Type = SpaMessageType.Command };

        Assert.Throws<ArgumentException>(() => SpaPacket.Encode(command, SpaTestKeys.Alice));
    }

    [Fact]
    public void Encode_NatMessage_OpensWithNatField()
    {
        SpaMessage nat = SpaPacket.NewAccess("alice", "192.0.2.7", [Ssh], null, _time) with { Type = SpaMessageType.NatAccess, NatAccess = "10.0.0.5,22" };

        string packet = SpaPacket.Encode(nat, SpaTestKeys.Alice);

        Assert.Null(SpaPacket.TryOpen(Encoding.ASCII.GetBytes(packet), SpaTestKeys.Alice, out SpaMessage? opened));
        Assert.Equal(SpaMessageType.NatAccess, opened!.Type);
        Assert.Equal("10.0.0.5,22", opened.NatAccess);
    }

    [Fact]
    public void NewAccess_FillsAsFwknopDoes()
    {
        SpaMessage message = SpaPacket.NewAccess("alice", "2001:db8::7", [Ssh], 0, _time);

        Assert.Equal(16, message.RandomValue.Length);
        Assert.True(message.RandomValue.All(char.IsAsciiDigit));
        Assert.Equal("3.0.0", message.Version);
        Assert.Equal(SpaMessageType.Access, message.Type);
        Assert.Null(message.ClientTimeout);
        Assert.Equal("2001:db8::7,tcp/22", SpaPacket.AccessRequest(message.AccessAddress, message.Ports));
    }
}
