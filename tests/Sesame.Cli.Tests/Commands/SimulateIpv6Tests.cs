using System.Text.Json;

namespace Sesame.Tests.Commands;

/// <summary>The same door in /ip and /ipv6: the families keep separate rules and separate lists (ROUTEROS.md §2.1, §3).</summary>
public sealed class SimulateIpv6Tests
{
    private const string Config = """
        /interface list
        add name=WAN
        /interface list member
        add interface=ether1 list=WAN
        /ip firewall filter
        add action=add-src-to-address-list address-list=k1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp
        add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=k1
        add action=accept chain=input in-interface-list=WAN src-address-list=secured
        add action=drop chain=input in-interface-list=WAN
        /ipv6 firewall filter
        add action=add-src-to-address-list address-list=k1 address-list-timeout=30s chain=input dst-port=999 in-interface-list=WAN protocol=tcp
        add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=666 in-interface-list=WAN protocol=tcp src-address-list=k1
        add action=accept chain=input in-interface-list=WAN src-address-list=secured
        add action=drop chain=input in-interface-list=WAN
        /ipv6 firewall address-list
        add address=2001:db8:aaaa::/48 list=secured comment="office"
        """;

    [Fact]
    public void Simulate_Ipv6Door_UsesTheIpv6RulesAndLists()
    {
        using var config = new TempFile("dual.rsc", Config);

        CliRun run = CliRun.WithInput("""
            0  2001:db8::5   tcp 888
            1  2001:db8::5   tcp 999
            2  2001:db8::5   tcp 666
            3  2001:db8::5   tcp 22
            4  203.0.113.9   tcp 999
            5  203.0.113.9   tcp 666
            6  203.0.113.9   tcp 22
            7  2001:db8:aaaa:1::7 tcp 22
            """, "simulate", config.Path, "-", "--json");

        Assert.Equal(0, run.Exit);
        JsonElement[] p = [.. run.Json.GetProperty("packets").EnumerateArray()];
        Assert.Empty(p[0].GetProperty("added").EnumerateArray());
        Assert.Equal(["k1"], p[1].GetProperty("added").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["secured"], p[2].GetProperty("added").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("accept", p[3].GetProperty("verdict").GetString());
        Assert.Equal("drop", p[6].GetProperty("verdict").GetString());
        Assert.Equal("accept", p[7].GetProperty("verdict").GetString());
        string[] secured = [.. run.Json.GetProperty("lists").GetProperty("secured").EnumerateArray().Select(e => e.GetProperty("address").GetString()!)];
        Assert.Equal(["2001:db8::5", "2001:db8:aaaa::/48"], secured.Order(StringComparer.Ordinal));
    }
}
