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

    [Theory]
    [InlineData("secured", "secured")]
    [InlineData("knock 1", "\"knock 1\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("", "\"\"")]
    public void Value_ListName_QuotedOnlyWhenNeeded(string name, string expected) => Assert.Equal(expected, DaemonEventLog.Value(name));
}
