using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests.Console;

/// <summary><c>find</c>/<c>where</c> conditions (ROUTEROS.md §1.7), seen through <c>remove [find …]</c>.</summary>
public sealed class FindExpressionTests
{
    /// <summary>Entries a..e, one per kind of address, three with a timeout.</summary>
    private const string Entries = "/ip firewall address-list\n" +
        "add list=l address=10.1.2.3 comment=a timeout=30s\n" +
        "add list=l address=10.9.0.0/16 comment=b timeout=5m\n" +
        "add list=l address=192.168.1.7/24 comment=c timeout=1h\n" +
        "add list=l address=10.0.0.10-10.0.0.20 comment=d\n" +
        "add list=l address=172.16.0.1 comment=e\n";

    [Theory]
    [InlineData("address in 10.0.0.0/8", "c,e")]
    [InlineData("address in \"10.0.0.0/8\"", "c,e")]
    [InlineData("address in 10.1.0.0/16", "b,c,d,e")]
    [InlineData("address in 10.0.0.0-10.0.0.255", "a,b,c,e")]
    [InlineData("address in 192.168.1.0/24", "a,b,d,e")]
    [InlineData("address in 192.168.1.0/25", "a,b,c,d,e")]
    [InlineData("!(address in 10.0.0.0/8)", "a,b,d")]
    [InlineData("address in 0.0.0.0/0 and comment=e", "a,b,c,d")]
    [InlineData("address in 2001:db8::/32", "a,b,c,d,e")]
    public void Find_In_AddressContainment(string condition, string remaining)
    {
        Assert.Equal(remaining, Remaining(Entries + "remove [find where " + condition + "]"));
    }

    [Theory]
    [InlineData("address=192.168.1.99/24", "a,b,d,e")]
    [InlineData("address=\"192.168.1.0/24\"", "a,b,d,e")]
    [InlineData("address=10.1.2.3/32", "b,c,d,e")]
    [InlineData("address=10.0.0.10-10.0.0.20", "a,b,c,e")]
    [InlineData("address!=10.9.1.1/16", "b")]
    [InlineData("address=192.168.1.99", "a,b,c,d,e")]
    public void Find_AddressEquals_ComparedByMeaning(string condition, string remaining)
    {
        Assert.Equal(remaining, Remaining(Entries + "remove [find " + condition + "]"));
    }

    [Theory]
    [InlineData("timeout<1m", "b,c,d,e")]
    [InlineData("timeout < 5m", "b,c,d,e")]
    [InlineData("timeout <5m", "b,c,d,e")]
    [InlineData("timeout<=5m", "c,d,e")]
    [InlineData("timeout <= 300", "c,d,e")]
    [InlineData("timeout <=00:05:00", "c,d,e")]
    [InlineData("timeout>5m", "a,b,d,e")]
    [InlineData("timeout >= 5m", "a,d,e")]
    [InlineData("timeout > 1w", "a,b,c,d,e")]
    public void Find_Relational_OnTimes(string condition, string remaining)
    {
        Assert.Equal(remaining, Remaining(Entries + "remove [find where " + condition + "]"));
    }

    [Theory]
    [InlineData("packet-size<100", "r1500,none")]
    [InlineData("packet-size>100", "r64,none")]
    [InlineData("packet-size>=64", "none")]
    [InlineData("packet-size <= 1500", "none")]
    [InlineData("packet-size>63 and packet-size<65", "r1500,none")]
    [InlineData("packet-size > 9000", "r64,r1500,none")]
    public void Find_Relational_OnNumbersAndNotOnOtherValues(string condition, string remaining)
    {
        // 1500 > 100 as numbers (not as text, where "1500" < "64"); a rule without the property never matches.
        const string rules = "/ip firewall filter\nadd chain=input packet-size=64 comment=r64\n" +
            "add chain=input packet-size=1500 comment=r1500\nadd chain=input comment=none\n";

        FirewallConfig config = Scripts.Config(rules + "remove [find where " + condition + "]");

        Assert.Equal(remaining, Scripts.Comments(config.Ipv4Filter));
    }

    [Theory]
    [InlineData("address in nowhere")]
    [InlineData("address in")]
    [InlineData("timeout < soon")]
    [InlineData("comment>")]
    [InlineData("nosuch in 10.0.0.0/8")]
    public void Find_BadComparison_ErrorAndNothingRemoved(string condition)
    {
        ScriptResult result = Scripts.Parse(Entries + "remove [find where " + condition + "]");

        Assert.Equal(7, Scripts.Single(result, "SES0209").Location.Line);
        Assert.Equal(5, result.Config.Ipv4AddressList.Count);
    }

    private static string Remaining(string text) =>
        string.Join(",", Scripts.Config(text).Ipv4AddressList.Select(e => e.Comment));
}
