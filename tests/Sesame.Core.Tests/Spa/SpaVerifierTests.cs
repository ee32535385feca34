using System.Text;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;
using Sesame.Time;

namespace Sesame.Tests.Spa;

public sealed class SpaVerifierTests : IDisposable
{
    private static readonly SpaPort Ssh = new(IpProtocols.Tcp, 22);
    private static readonly SpaPort Https = new(IpProtocols.Tcp, 443);
    private static readonly SpaPort Dns = new(IpProtocols.Udp, 53);
    private static readonly UInt128 Source = Ip("198.51.100.9");

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero));
    private readonly SpaReplayCache _replay;

    public SpaVerifierTests() => _replay = new SpaReplayCache(_time);

    public void Dispose() => _replay.Dispose();

    private static SpaDoor Door => new("ssh")
    {
        Users =
        [
            new SpaUser("alice", SpaTestKeys.Alice) { Ports = [Ssh, Https] },
            new SpaUser("bob", SpaTestKeys.Bob) { Ports = [Ssh], Sources = [IpRange.FromPrefix(IpFamily.V4, Ip("203.0.113.0"), 24)] },
        ],
        PortLists = [new SpaPortList(Ssh, "spa-ssh-22"), new SpaPortList(Https, "spa-ssh-443"), new SpaPortList(Dns, "spa-ssh-53")],
    };

    [Fact]
    public void Verify_ValidPacket_GrantedForSourceWithDefaults()
    {
        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh]));

        Assert.True(verdict.Granted, verdict.Detail);
        Assert.Equal("alice", verdict.User);
        Assert.Equal(IpRange.Host(IpFamily.V4, Source), verdict.Address);
        Assert.Equal(["spa-ssh-22"], verdict.Lists);
        Assert.Equal([Ssh], verdict.Ports);
        Assert.Equal(TimeSpan.FromSeconds(30), verdict.OpenFor);
    }

    [Fact]
    public void Verify_TwoPorts_BothLists()
    {
        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh, Https, Ssh]));

        Assert.True(verdict.Granted, verdict.Detail);
        Assert.Equal(["spa-ssh-22", "spa-ssh-443"], verdict.Lists);
        Assert.Equal([Ssh, Https], verdict.Ports);
    }

    [Fact]
    public void Verify_SamePacketTwice_SecondIsReplay()
    {
        SpaVerifier verifier = Verifier();
        byte[] packet = Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh]);

        Assert.True(verifier.Verify(IpFamily.V4, Source, packet).Granted);
        SpaVerdict second = verifier.Verify(IpFamily.V4, Source, packet);

        Assert.Equal(SpaRejectReason.Replay, second.Reason);
        Assert.Equal("alice", second.User);
    }

    [Fact]
    public void Verify_SamePlaintextReencrypted_Replay()
    {
        SpaVerifier verifier = Verifier();
        SpaMessage message = SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time);

        Assert.True(verifier.Verify(IpFamily.V4, Source, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, SpaTestKeys.Alice))).Granted);

        Assert.Equal(SpaRejectReason.Replay, verifier.Verify(IpFamily.V4, Source, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, SpaTestKeys.Alice))).Reason);
    }

    [Fact]
    public void Verify_ReplayAfterRestartWithJournal_Replay()
    {
        string dir = Directory.CreateTempSubdirectory("sesame-verifier-").FullName;
        try
        {
            string path = Path.Combine(dir, "replay");
            byte[] packet = Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh]);
            using (var cache = new SpaReplayCache(path, _time))
            {
                Assert.True(new SpaVerifier(Door, cache, _time).Verify(IpFamily.V4, Source, packet).Granted);
            }

            using var restarted = new SpaReplayCache(path, _time);
            Assert.Equal(SpaRejectReason.Replay, new SpaVerifier(Door, restarted, _time).Verify(IpFamily.V4, Source, packet).Reason);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Verify_Granted_ReplayKeptForTheWindowOnly()
    {
        SpaVerifier verifier = Verifier();
        Assert.True(verifier.Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh])).Granted);
        Assert.Equal(1, _replay.Count);

        _time.Advance(Door.Window + TimeSpan.FromSeconds(2));

        Assert.Equal(0, _replay.Count);
    }

    [Theory]
    [InlineData(-121)]
    [InlineData(121)]
    [InlineData(-100_000)]
    [InlineData(100_000)]
    public void Verify_TimestampOutsideWindow_Stale(int offsetSeconds)
    {
        byte[] packet = Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh], timestamp: _time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, packet);

        Assert.Equal(SpaRejectReason.Stale, verdict.Reason);
        Assert.Contains(offsetSeconds < 0 ? "s old" : "in the future", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _replay.Count);
    }

    [Theory]
    [InlineData(-120)]
    [InlineData(120)]
    public void Verify_TimestampAtWindowEdge_Granted(int offsetSeconds)
    {
        byte[] packet = Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh], timestamp: _time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        Assert.True(Verifier().Verify(IpFamily.V4, Source, packet).Granted);
    }

    [Fact]
    public void Verify_WrongKey_Hmac()
    {
        var stranger = new SpaKeys(new byte[32], new byte[64]);

        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Packet(stranger, "0.0.0.0", [Ssh]));

        Assert.Equal(SpaRejectReason.Hmac, verdict.Reason);
        Assert.Null(verdict.User);
    }

    [Fact]
    public void Verify_KeyOfStanzaWhoseSourcesDoNotMatch_Hmac()
    {
        SpaVerdict outside = Verifier().Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Bob, "0.0.0.0", [Ssh]));
        SpaVerdict inside = Verifier().Verify(IpFamily.V4, Ip("203.0.113.5"), Packet(SpaTestKeys.Bob, "0.0.0.0", [Ssh]));

        Assert.Equal(SpaRejectReason.Hmac, outside.Reason);
        Assert.True(inside.Granted);
        Assert.Equal("bob", inside.User);
    }

    [Fact]
    public void Verify_OneByteChangedAnywhere_Hmac()
    {
        byte[] packet = Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh]);
        SpaVerifier verifier = Verifier();
        for (int i = 0; i < packet.Length; i++)
        {
            byte[] changed = [.. packet];
            changed[i] = changed[i] == (byte)'x' ? (byte)'y' : (byte)'x';

            Assert.Equal(SpaRejectReason.Hmac, verifier.Verify(IpFamily.V4, Source, changed).Reason);
        }
    }

    [Theory]
    [MemberData(nameof(SpaPacketTests.Junk), MemberType = typeof(SpaPacketTests))]
    public void Verify_Junk_HmacWithoutException(string name, byte[] packet)
    {
        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, packet);

        Assert.Equal(SpaRejectReason.Hmac, verdict.Reason);
        Assert.NotNull(name);
    }

    [Fact]
    public void Verify_PortNotAllowedForKey_DeniedNamingPort()
    {
        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Ip("203.0.113.5"), Packet(SpaTestKeys.Bob, "0.0.0.0", [Ssh, Https]));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
        Assert.Contains("tcp/443 is not a port this key may open", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _replay.Count);
    }

    [Fact]
    public void Verify_PortNotOnTheDoor_Denied()
    {
        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [new SpaPort(IpProtocols.Tcp, 3389)]));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
        Assert.Contains("tcp/3389", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PortOfTheUserButNotOfTheDoor_Denied()
    {
        SpaDoor door = Door with { PortLists = [new SpaPortList(Ssh, "spa-ssh-22")] };

        SpaVerdict verdict = new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Https]));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
    }

    [Fact]
    public void Verify_UserWithNoPorts_Denied()
    {
        SpaDoor door = Door with { Users = [new SpaUser("alice", SpaTestKeys.Alice)] };

        Assert.Equal(SpaRejectReason.Denied, new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh])).Reason);
    }

    [Theory]
    [InlineData(SpaMessageType.NatAccess, "NAT access messages (type 2)")]
    [InlineData(SpaMessageType.LocalNatAccess, "NAT access messages (type 5)")]
    public void Verify_NatMessage_Denied(SpaMessageType type, string detail)
    {
        SpaMessage message = SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time) with { Type = type, NatAccess = "10.0.0.5,22" };

        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, SpaTestKeys.Alice)));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
        Assert.Contains(detail, verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CommandMessage_Denied()
    {
        byte[] packet = CommandPacket(SpaTestKeys.Alice, "0.0.0.0,touch /tmp/x");

        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, packet);

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
        Assert.Contains("command", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ZeroAddressWhenDoorRequiresAddress_Denied()
    {
        SpaDoor door = Door with { RequireAddress = true };

        SpaVerdict verdict = new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh]));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
    }

    [Fact]
    public void Verify_SourceNamedWhenDoorRequiresAddress_Granted()
    {
        SpaDoor door = Door with { RequireAddress = true };

        SpaVerdict verdict = new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "198.51.100.9", [Ssh]));

        Assert.True(verdict.Granted, verdict.Detail);
        Assert.Equal(IpRange.Host(IpFamily.V4, Source), verdict.Address);
    }

    [Fact]
    public void Verify_OtherAddressWithoutAllowAddress_Denied()
    {
        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "192.0.2.7", [Ssh]));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
        Assert.Contains("192.0.2.7, not its source", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.7", IpFamily.V4)]
    [InlineData("2001:db8::7", IpFamily.V6)]
    public void Verify_OtherAddressWithAllowAddress_OpensThatAddress(string address, IpFamily family)
    {
        SpaDoor door = Door with { AllowAddress = true };

        SpaVerdict verdict = new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, address, [Ssh]));

        Assert.True(verdict.Granted, verdict.Detail);
        Assert.True(IpRange.TryParseAddress(address, out IpFamily parsedFamily, out UInt128 value));
        Assert.Equal(IpRange.Host(family, value), verdict.Address);
        Assert.Equal(family, parsedFamily);
    }

    [Fact]
    public void Verify_Ipv6SourceWithZeroAddress_OpensTheIpv6Source()
    {
        Assert.True(IpRange.TryParseAddress("2001:db8:1::9", out _, out UInt128 source6));

        SpaVerdict zero4 = Verifier().Verify(IpFamily.V6, source6, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh]));
        SpaVerdict zero6 = Verifier().Verify(IpFamily.V6, source6, Packet(SpaTestKeys.Alice, "::", [Ssh]));
        SpaVerdict v4Named = Verifier().Verify(IpFamily.V6, source6, Packet(SpaTestKeys.Alice, "198.51.100.9", [Ssh]));

        Assert.Equal(IpRange.Host(IpFamily.V6, source6), zero4.Address);
        Assert.Equal(IpRange.Host(IpFamily.V6, source6), zero6.Address);
        Assert.Equal(SpaRejectReason.Denied, v4Named.Reason);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("::ffff::1")]
    public void Verify_AddressNotAnAddress_Format(string address)
    {
        SpaDoor door = Door with { AllowAddress = true };

        SpaVerdict verdict = new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, address, [Ssh]));

        Assert.Equal(SpaRejectReason.Format, verdict.Reason);
    }

    [Theory]
    [InlineData(null, null, null, 30)]
    [InlineData(60, null, null, 60)]
    [InlineData(1000, null, null, 300)]
    [InlineData(1000, null, 600, 600)]
    [InlineData(100, null, 50, 50)]
    [InlineData(null, 45, null, 45)]
    [InlineData(null, 45, 20, 20)]
    [InlineData(0, 45, null, 45)]
    public void Verify_ClientTimeout_CappedAtMaxOpenFor(int? clientTimeout, int? userOpenFor, int? userMax, int expected)
    {
        SpaDoor door = Door with
        {
            Users =
            [
                new SpaUser("alice", SpaTestKeys.Alice)
                {
                    Ports = [Ssh],
                    OpenFor = userOpenFor is int open ? TimeSpan.FromSeconds(open) : null,
                    MaxOpenFor = userMax is int max ? TimeSpan.FromSeconds(max) : null,
                },
            ],
        };

        SpaVerdict verdict = new SpaVerifier(door, _replay, _time).Verify(IpFamily.V4, Source, Packet(SpaTestKeys.Alice, "0.0.0.0", [Ssh], clientTimeout));

        Assert.True(verdict.Granted, verdict.Detail);
        Assert.Equal(TimeSpan.FromSeconds(expected), verdict.OpenFor);
    }

    [Fact]
    public void Verify_HostileUserName_DetailSanitizedAndBounded()
    {
        string hostile = "x\n\u001b[31m;}#\"'" + new string('z', 50);
        SpaMessage message = SpaPacket.NewAccess(hostile, "192.0.2.7", [Ssh], null, _time);

        SpaVerdict verdict = Verifier().Verify(IpFamily.V4, Source, Encoding.ASCII.GetBytes(SpaPacket.Encode(message, SpaTestKeys.Alice)));

        Assert.Equal(SpaRejectReason.Denied, verdict.Reason);
        Assert.DoesNotContain('\n', verdict.Detail!);
        Assert.DoesNotContain('\u001b', verdict.Detail!);
        Assert.DoesNotContain('"', verdict.Detail!);
        Assert.True(verdict.Detail!.Length < 400);
    }

    [Fact]
    public void Verify_Rejections_DetailHoldsNoKeyOrPacket()
    {
        byte[] packet = Packet(SpaTestKeys.Alice, "192.0.2.7", [Ssh]);
        string text = Encoding.ASCII.GetString(packet);
        SpaVerifier verifier = Verifier();

        foreach (SpaVerdict verdict in new[] { verifier.Verify(IpFamily.V4, Source, packet), verifier.Verify(IpFamily.V4, Source, packet[..^2]) })
        {
            Assert.False(verdict.Granted);
            Assert.DoesNotContain(text[..20], verdict.Detail!, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(SpaTestKeys.Alice.HmacKey)[..12], verdict.Detail!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_RandomJunk_NeverThrows()
    {
        var random = new Random(5);
        SpaVerifier verifier = Verifier();
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8.ToArray();
        for (int i = 0; i < 2000; i++)
        {
            byte[] packet = new byte[random.Next(0, 1600)];
            for (int j = 0; j < packet.Length; j++)
            {
                packet[j] = i % 2 == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)random.Next(256);
            }

            Assert.False(verifier.Verify(IpFamily.V4, Source, packet).Granted);
        }
    }

    [FwknopFact]
    public void Verify_FwknopClientPacket_GrantedThenReplay()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var replay = new SpaReplayCache(time);
        var verifier = new SpaVerifier(Door, replay, time);
        byte[] packet = Fwknop.BuildPacket(SpaTestKeys.Alice, "-A", "tcp/22", "-s", "-D", "127.0.0.1", "-f", "120");

        SpaVerdict first = verifier.Verify(IpFamily.V4, Source, packet);
        SpaVerdict second = verifier.Verify(IpFamily.V4, Source, packet);

        Assert.True(first.Granted, first.Detail);
        Assert.Equal(IpRange.Host(IpFamily.V4, Source), first.Address);
        Assert.Equal(TimeSpan.FromSeconds(120), first.OpenFor);
        Assert.Equal(SpaRejectReason.Replay, second.Reason);
    }

    private SpaVerifier Verifier() => new(Door, _replay, _time);

    private byte[] Packet(SpaKeys keys, string address, SpaPort[] ports, int? clientTimeout = null, long? timestamp = null)
    {
        SpaMessage message = SpaPacket.NewAccess("alice", address, ports, clientTimeout, _time);
        if (timestamp is long at)
        {
            message = message with { Timestamp = at };
        }

        return Encoding.ASCII.GetBytes(SpaPacket.Encode(message, keys));
    }

    /// <summary>A command message, which <see cref="SpaPacket.Encode"/> refuses to build: the fields by hand, sealed the same way.</summary>
    private byte[] CommandPacket(SpaKeys keys, string command)
    {
        string encoded = $"1234567890123456:{B64("alice")}:{_time.GetUtcNow().ToUnixTimeSeconds()}:3.0.0:0:{B64(command)}";
        return Encoding.ASCII.GetBytes(SpaPacket.Seal(encoded, keys));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=');

    private static UInt128 Ip(string text)
    {
        Assert.True(IpRange.TryParseAddress(text, out _, out UInt128 value));
        return value;
    }
}
