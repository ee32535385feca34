using Sesame.Model;

namespace Sesame.Tests.Model;

public sealed class RouterOsTimeTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("30", 30)]
    [InlineData("1000m", 60000)]
    [InlineData("1w2d3h4m5s", 788645)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5h", 5400)]
    [InlineData("00:30:00", 1800)]
    [InlineData("1d02:00:00", 93600)]
    [InlineData("35w3d13h13m56s", 21474836)]
    public void TryParse_RouterOsSpellings_GivesSeconds(string text, double seconds)
    {
        Assert.True(RouterOsTime.TryParse(text, out TimeSpan value, out string error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("5x", "unknown unit")]
    [InlineData("35w3d13h13m57s", "out of range")]
    [InlineData("abc", "not a time value")]
    [InlineData("1:2:3:4", "hh:mm:ss")]
    public void TryParse_Invalid_ReportsWhy(string text, string message)
    {
        Assert.False(RouterOsTime.TryParse(text, out _, out string error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60000, "16h40m")] // ROUTEROS.md §10 item 12: canonical spelling
    [InlineData(1800, "30m")]
    [InlineData(0, "0s")]
    [InlineData(90061.5, "1d1h1m1s500ms")]
    [InlineData(1209600, "2w")]
    public void Format_Duration_LargestUnitsFirst(double seconds, string expected)
    {
        Assert.Equal(expected, RouterOsTime.Format(TimeSpan.FromSeconds(seconds)));
    }
}
