using System.Net;
using Sesame.Linux.Daemon;
using Sesame.Net;

namespace Sesame.Tests.Daemon;

public sealed class GrantRecordTests
{
    private static readonly IpRange Client = IpRange.Host(IPAddress.Parse("203.0.113.7"));
    private static readonly IpRange ClientV6 = IpRange.Host(IPAddress.Parse("2001:db8::5"));

    private readonly FakeClock _clock = new();

    [Fact]
    public void Unexpired_AfterTimePasses_GivesTheTimeLeft()
    {
        var record = new GrantRecord(_clock, 16);
        record.Enter("secured", Client, TimeSpan.FromMinutes(30));
        record.Enter("secured", ClientV6, null);

        _clock.Advance(TimeSpan.FromMinutes(12));

        Assert.Equal(
            [("secured", Client, (TimeSpan?)TimeSpan.FromMinutes(18)), ("secured", ClientV6, null)],
            record.Unexpired().OrderBy(e => e.Address.Family));
    }

    [Fact]
    public void Unexpired_PastTheExpiry_DropsTheEntry()
    {
        var record = new GrantRecord(_clock, 16);
        record.Enter("secured", Client, TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(record.Unexpired());
        Assert.Equal(0, record.Count);
    }

    [Fact]
    public void Enter_AgainWithANewTimeout_Refreshes()
    {
        var record = new GrantRecord(_clock, 16);
        record.Enter("secured", Client, TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(20));

        record.Enter("secured", Client, TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(10), Assert.Single(record.Unexpired()).TimeLeft);
    }

    [Fact]
    public void Remove_ARevokedGrant_IsNotRestored()
    {
        var record = new GrantRecord(_clock, 16);
        record.Enter("secured", Client, TimeSpan.FromMinutes(30));
        record.Enter("blacklist", Client, TimeSpan.FromMinutes(30));

        record.Remove("secured", Client);

        Assert.Equal("blacklist", Assert.Single(record.Unexpired()).List);
    }

    [Fact]
    public void Enter_WhenFull_KeepsWhatItHasAndSaysSo()
    {
        var record = new GrantRecord(_clock, 2);
        record.Enter("secured", Client, TimeSpan.FromMinutes(1));
        record.Enter("secured", ClientV6, TimeSpan.FromMinutes(10));

        record.Enter("other", Client, TimeSpan.FromMinutes(10));

        Assert.True(record.Full);
        Assert.Equal(2, record.Count);
        Assert.DoesNotContain(record.Unexpired(), e => e.List == "other");
    }

    [Fact]
    public void Enter_WhenFullOfExpiredEntries_MakesRoom()
    {
        var record = new GrantRecord(_clock, 1);
        record.Enter("secured", Client, TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(2));

        record.Enter("secured", ClientV6, TimeSpan.FromSeconds(5));

        Assert.False(record.Full);
        Assert.Equal(ClientV6, Assert.Single(record.Unexpired()).Address);
    }
}
