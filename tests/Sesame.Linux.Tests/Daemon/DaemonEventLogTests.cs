using System.Net;
using Sesame.Linux.Daemon;
using Sesame.Net;

namespace Sesame.Tests.Daemon;

public sealed class DaemonEventLogTests
{
    [Fact]
    public void AddressList_Grant_WritesOneKeyValueLine()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).AddressList(EventKind.Grant, "secured", IpRange.Host(IPAddress.Parse("203.0.113.7")), TimeSpan.FromMinutes(30), IpFamily.V4, 3, "kernel");

        Assert.Equal("sesame event=grant list=secured src=203.0.113.7 timeout=30m family=ip rule=3 via=kernel" + Environment.NewLine, writer.ToString());
    }

    [Theory]
    [InlineData(true, "sesame event=expire role=blacklist list=blacklist src=2001:db8::5")]
    [InlineData(false, "sesame event=remove role=blacklist list=blacklist src=2001:db8::5")]
    public void Expired_EntryGone_SaysWhetherItTimedOut(bool hadTimeout, string expected)
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).Expired(EventKind.Blacklist, "blacklist", IpRange.Host(IPAddress.Parse("2001:db8::5")), hadTimeout);

        Assert.Equal(expected + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void SpaGrant_WritesDoorUserSourceAddressPortsAndTime()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).SpaGrant("admin", "alice", IpRange.Host(IPAddress.Parse("2001:db8::7")), IpRange.Host(IPAddress.Parse("192.0.2.9")), "tcp/22,udp/51820", TimeSpan.FromSeconds(90));

        Assert.Equal("sesame event=spa-grant door=admin user=alice src=2001:db8::7 address=192.0.2.9 ports=tcp/22,udp/51820 open-for=1m30s" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void SpaGrant_WithTimings_EndsWithVerifyAndGrantMilliseconds()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).SpaGrant("admin", "alice", IpRange.Host(IPAddress.Parse("192.0.2.9")), IpRange.Host(IPAddress.Parse("192.0.2.9")), "tcp/22", TimeSpan.FromSeconds(30),
            TimeSpan.FromTicks(1_125), TimeSpan.FromMilliseconds(2.5));

        Assert.Equal("sesame event=spa-grant door=admin user=alice src=192.0.2.9 address=192.0.2.9 ports=tcp/22 open-for=30s verify-ms=0.113 grant-ms=2.500" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void SpaReject_HostileDetailAndUser_OneLineWithTheSource()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).SpaReject("admin", IpRange.Host(IPAddress.Parse("203.0.113.7")), "denied", "port tcp/23 not allowed\nevent=spa-grant \"x\"", "eve\n\u001b[31m src=1.2.3.4");

        string line = writer.ToString();
        Assert.Single(line.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sesame event=spa-reject door=admin src=203.0.113.7 reason=denied detail=\"port tcp/23 not allowed event=spa-grant \\\"x\\\"\" user=\"eve  [31m src=1.2.3.4\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
    }

    [Theory]
    [InlineData("secured", "secured")]
    [InlineData("knock 1", "\"knock 1\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("", "\"\"")]
    public void Value_ListName_QuotedOnlyWhenNeeded(string name, string expected) => Assert.Equal(expected, DaemonEventLog.Value(name));

    [Fact]
    public void ScriptLog_HostileMessage_OneQuotedLine()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).ScriptLog("check-and-grant", "info", "granted \"x\"\nsesame event=grant list=secured src=6.6.6.6\u001b[2J");

        Assert.Equal("sesame event=script-log script=check-and-grant topic=info message=\"granted \\\"x\\\" sesame event=grant list=secured src=6.6.6.6 [2J\"" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void ScriptError_HugeMessage_Cut()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).ScriptError("s", new string('x', 1_000_000));

        Assert.InRange(writer.ToString().Length, DaemonEventLog.MaxScriptText, DaemonEventLog.MaxScriptText + 100);
        Assert.StartsWith("sesame event=script-error script=s message=\"xxx", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Value_ControlCharacterWithoutBlank_QuotedAndBlanked() => Assert.Equal("\"a b\"", DaemonEventLog.Value("a\nb"));

    [Fact]
    public void ScriptAddressList_GrantAndRemove_AsTheDaemonsListEvents()
    {
        var writer = new StringWriter();
        var log = new DaemonEventLog(writer);
        IpRange address = IpRange.Host(IPAddress.Parse("203.0.113.7"));

        log.ScriptAddressList(EventKind.Grant, "secured", address, TimeSpan.FromMinutes(30), added: true, "check-and-grant");
        log.ScriptAddressList(EventKind.Stage, "knock2", address, null, added: false, "check-and-grant");

        Assert.Equal(
            "sesame event=grant list=secured src=203.0.113.7 timeout=30m family=ip via=script script=check-and-grant" + Environment.NewLine
            + "sesame event=remove role=stage list=knock2 src=203.0.113.7 family=ip via=script script=check-and-grant" + Environment.NewLine,
            writer.ToString());
    }
}
