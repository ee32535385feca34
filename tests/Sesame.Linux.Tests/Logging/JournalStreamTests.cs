using System.Globalization;
using Microsoft.Extensions.Logging;
using Sesame.Linux.Logging;

namespace Sesame.Tests.Logging;

public sealed class JournalStreamTests
{
    [Theory]
    [InlineData("64769:123456", true)]
    [InlineData("64769:123457", false)]
    [InlineData("1:123456", false)]
    [InlineData("64769", false)]
    [InlineData("64769:", false)]
    [InlineData(":123456", false)]
    [InlineData("-1:123456", false)]
    [InlineData("64769:123456x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_JournalStreamVariable_OnlyTheSameDeviceAndInode(string? variable, bool expected) =>
        Assert.Equal(expected, JournalStream.Matches(variable, (64769UL, 123456UL)));

    [Fact]
    public void Matches_StandardOutputClosed_Never() => Assert.False(JournalStream.Matches("64769:123456", null));

    [Theory]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Critical, 2)]
    public void Priority_Level_SyslogPriority(LogLevel level, int priority) => Assert.Equal(priority, JournalStream.Priority(level));

    [Fact]
    public void StandardOutput_OfThisProcess_IsWhatStatSays()
    {
        // fstat(1) through the P/Invoke's layout, against coreutils' stat of the same descriptor.
        string path = $"/proc/{Environment.ProcessId}/fd/1";
        ProcessResult stat = ProcessRunner.Run("stat", ["-L", "-c", "%d %i", path], TimeSpan.FromSeconds(10));
        string[] parts = stat.Out.Trim().Split(' ');

        Assert.Equal((ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture)), JournalStream.StandardOutput());
    }
}
