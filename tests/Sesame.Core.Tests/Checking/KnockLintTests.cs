using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Checking;

/// <summary>Each knock lint with a config that triggers it and one that does not.</summary>
public sealed class KnockLintTests
{
    private static readonly Negatable<string> Wan = Negatable<string>.Is("WAN");

    private static FilterRule Knock(ushort port, string list, string? after, TimeSpan timeout) => new()
    {
        Chain = "input",
        Action = FilterAction.AddSrcToAddressList,
        AddressList = list,
        AddressListTimeout = AddressListTimeout.Timed(timeout),
        Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
        DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]),
        SrcAddressList = after is null ? null : Negatable<string>.Is(after),
        InInterfaceList = Wan,
    };

    private static readonly FilterRule Established = new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related),
    };

    private static readonly FilterRule Granted = new() { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured"), InInterfaceList = Wan };

    private static readonly FilterRule DropWan = new() { Chain = "input", Action = FilterAction.Drop, InInterfaceList = Wan };

    private static readonly FilterRule BlacklistDrop = new() { Chain = "input", Action = FilterAction.Drop, SrcAddressList = Negatable<string>.Is("blacklist"), InInterfaceList = Wan };

    private static readonly FilterRule ScanPorts = new()
    {
        Chain = "input",
        Action = FilterAction.AddSrcToAddressList,
        AddressList = "blacklist",
        AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMinutes(1)),
        Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
        DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(21, 23), new PortRange(8291, 8291), new PortRange(10000, 60000)]),
        SrcAddressList = Negatable<string>.Not("secured"),
        InInterfaceList = Wan,
    };

    private static FilterRule[] Door(ushort a = 888, ushort b = 555, ushort c = 222, double step = 30) =>
    [
        Knock(a, "k1", null, TimeSpan.FromSeconds(step)),
        Knock(b, "k2", "k1", TimeSpan.FromSeconds(step)),
        Knock(c, "secured", "k2", TimeSpan.FromMinutes(30)),
        Granted,
    ];

    /// <summary>A sound setup: established first, blacklist on top, descending knocks of 30 s, drop of WAN input last.</summary>
    private static FilterRule[] Good() => [Established, BlacklistDrop, .. Door(), ScanPorts, DropWan];

    private static string[] Codes(params FilterRule[] rules)
    {
        FilterRule[] located = [.. rules.Select((r, i) => r with { Location = new SourceLocation("c.rsc", i + 1, 1) })];
        return [.. ConfigChecker.Check(new FirewallConfig { Ipv4Filter = [.. located] }).Select(d => $"{d.Code}@{d.Location.Line}")];
    }

    [Fact]
    public void Check_SoundSetup_HasNoFindings()
    {
        Assert.Empty(Codes(Good()));
    }

    [Fact]
    public void Check_DropBeforeTheKnocks_KnocksAreNeverHeard()
    {
        // The knocks get SES0505; the accept and scan rules behind the same drop are merely unreachable (SES0503).
        Assert.Equal(["SES0505@3", "SES0505@4", "SES0505@5", "SES0503@6", "SES0503@7"], Codes([Established, DropWan, .. Door(), ScanPorts]));
    }

    [Fact]
    public void Check_NoEstablishedAcceptBeforeTheDrop_WarnsOfCutSessions()
    {
        Assert.Equal(["SES0506@7"], Codes([BlacklistDrop, .. Door(), ScanPorts, DropWan]));
    }

    [Fact]
    public void Check_DropOfAllInputOnEveryInterface_LeavesNoWayBackIn()
    {
        FilterRule dropAll = new() { Chain = "input", Action = FilterAction.Drop };

        Assert.Contains("SES0507@8", Codes([Established, BlacklistDrop, .. Door(), ScanPorts, dropAll]));
        FilterRule lan = new() { Chain = "input", Action = FilterAction.Accept, InInterfaceList = Negatable<string>.Is("LAN") };
        Assert.DoesNotContain("SES0507@9", Codes([Established, BlacklistDrop, .. Door(), ScanPorts, lan, dropAll]));
    }

    [Fact]
    public void Check_NoBlacklist_ShowsTheScanRisk()
    {
        Diagnostic d = Assert.Single(ConfigChecker.Check(new FirewallConfig { Ipv4Filter = [Established, .. Door(), DropWan] }));

        Assert.Equal("SES0508", d.Code);
        Assert.Contains("1 in 9 (11.363%)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BlacklistBelowTheKnocks_DoesNotCountAgainstScans()
    {
        // The blacklist's drop must sit above the knocks to stop a scan before it reaches them.
        Assert.Contains("SES0508@4", Codes([Established, .. Door(), BlacklistDrop, ScanPorts, DropWan]));
    }

    [Fact]
    public void Check_AscendingKnockPorts_Warn()
    {
        Assert.Equal(["SES0509@3"], Codes([Established, BlacklistDrop, .. Door(1000, 2000, 3000), ScanPorts, DropWan]));
        Assert.Empty(Codes([Established, BlacklistDrop, .. Door(2000, 3000, 1000), ScanPorts, DropWan]));
    }

    [Theory]
    [InlineData(4.9, true)]
    [InlineData(5, false)]
    public void Check_StepShorterThanFiveSeconds_Warns(double seconds, bool warns)
    {
        string[] codes = Codes([Established, BlacklistDrop, .. Door(step: seconds), ScanPorts, DropWan]);

        Assert.Equal(warns, codes.Contains("SES0510@3"));
        Assert.Equal(warns, codes.Contains("SES0510@4"));
    }

    [Fact]
    public void Check_KnockPortAlsoServed_Warns()
    {
        FilterRule web = new() { Chain = "input", Action = FilterAction.Accept, Protocol = Negatable<byte>.Is(IpProtocols.Tcp), DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(443, 443)]) };

        // The accept of the served port also takes the knock before its rule (SES0503).
        Assert.Equal(["SES0503@4", "SES0511@4"], Codes([Established, web, BlacklistDrop, .. Door(a: 443), ScanPorts, DropWan]));
        Assert.Empty(Codes([Established, web, BlacklistDrop, .. Door(), ScanPorts, DropWan]));
    }
}
