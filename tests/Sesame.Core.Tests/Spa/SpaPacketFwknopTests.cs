using System.Text;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

/// <summary>Interoperation with the Debian fwknop 2.6.10 tools, both ways, offline.</summary>
public sealed class SpaPacketFwknopTests
{
    [FwknopFact]
    public void TryOpen_FwknopClientPacket_Opens()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        byte[] packet = Fwknop.BuildPacket(SpaTestKeys.Alice, "-A", "tcp/22,udp/53", "-a", "192.0.2.7", "-D", "127.0.0.1", "-U", "alice");

        Assert.Null(SpaPacket.TryOpen(packet, SpaTestKeys.Alice, out SpaMessage? message));
        Assert.NotNull(message);
        Assert.Equal("alice", message.User);
        Assert.Equal("192.0.2.7", message.AccessAddress);
        Assert.Equal([new SpaPort(IpProtocols.Tcp, 22), new SpaPort(IpProtocols.Udp, 53)], message.Ports);
        Assert.Equal(SpaMessageType.Access, message.Type);
        Assert.Equal("3.0.0", message.Version);
        Assert.InRange(message.Timestamp, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(32, message.Digest.Count);
    }

    [FwknopFact]
    public void TryOpen_FwknopClientTimeoutSha512_Opens()
    {
        var keys = new SpaKeys(SpaTestKeys.Alice.EncryptionKey, SpaTestKeys.Alice.HmacKey, SpaHmacType.Sha512);

        byte[] packet = Fwknop.BuildPacket(keys, "-A", "tcp/22", "-s", "-D", "127.0.0.1", "-f", "45", "-m", "sha512");

        Assert.Null(SpaPacket.TryOpen(packet, keys, out SpaMessage? message));
        Assert.NotNull(message);
        Assert.Equal("0.0.0.0", message.AccessAddress);
        Assert.Equal(SpaMessageType.ClientTimeoutAccess, message.Type);
        Assert.Equal(45, message.ClientTimeout);
        Assert.Equal(64, message.Digest.Count);
    }

    [FwknopFact]
    public void TryOpen_FwknopPacketWithOtherKeys_Hmac()
    {
        byte[] packet = Fwknop.BuildPacket(SpaTestKeys.Alice, "-A", "tcp/22", "-a", "192.0.2.7", "-D", "127.0.0.1");

        Assert.Equal(SpaRejectReason.Hmac, SpaPacket.TryOpen(packet, SpaTestKeys.Bob, out _));
    }

    [FwknopFact(server: true)]
    public void Encode_DecodedByFwknopd()
    {
        SpaMessage message = SpaPacket.NewAccess("sesame", "192.0.2.7", [new SpaPort(IpProtocols.Tcp, 22), new SpaPort(IpProtocols.Udp, 53)], null, TimeProvider.System);

        string output = Fwknop.Decode(SpaTestKeys.Alice, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, SpaTestKeys.Alice)));

        Assert.Contains("SPA Decode (res=0)", output, StringComparison.Ordinal);
        Assert.Contains("Username: sesame", output, StringComparison.Ordinal);
        Assert.Contains("Message String: 192.0.2.7,tcp/22,udp/53", output, StringComparison.Ordinal);
        Assert.Contains($"Random Value: {message.RandomValue}", output, StringComparison.Ordinal);
        Assert.Contains("test mode enabled, skipping firewall manipulation", output, StringComparison.Ordinal);
    }

    [FwknopFact(server: true)]
    public void Encode_ClientTimeoutSha384_DecodedByFwknopd()
    {
        var keys = new SpaKeys(SpaTestKeys.Alice.EncryptionKey, SpaTestKeys.Alice.HmacKey, SpaHmacType.Sha384);
        SpaMessage message = SpaPacket.NewAccess("sesame", "0.0.0.0", [new SpaPort(IpProtocols.Tcp, 22)], 90, TimeProvider.System);

        string output = Fwknop.Decode(keys, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, keys)));

        Assert.Contains("SPA Decode (res=0)", output, StringComparison.Ordinal);
        Assert.Contains("Client Timeout: 90", output, StringComparison.Ordinal);
        Assert.Contains("HMAC Type: 4 (SHA384)", output, StringComparison.Ordinal);
    }

    [FwknopFact(server: true)]
    public void Encode_WrongKey_RefusedByFwknopd()
    {
        SpaMessage message = SpaPacket.NewAccess("sesame", "192.0.2.7", [new SpaPort(IpProtocols.Tcp, 22)], null, TimeProvider.System);

        string output = Fwknop.Decode(SpaTestKeys.Alice, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, SpaTestKeys.Bob)));

        Assert.DoesNotContain("SPA Decode (res=0)", output, StringComparison.Ordinal);
        Assert.Contains("HMAC", output, StringComparison.OrdinalIgnoreCase);
    }
}
