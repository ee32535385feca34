using System.Diagnostics;
using System.Net;
using Sesame.Linux.Hooks;

namespace Sesame.Tests.Hooks;

public sealed class HookRunnerTests
{
    private static readonly IPAddress Source = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task Run_WithoutShell_PutsTheAddressIntoTheWords()
    {
        HookResult result = await HookRunner.RunAsync("/bin/echo granted %IP% 'to port 22'", shell: false, Source, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(result.Succeeded, result.StartError);
        Assert.Equal("granted 203.0.113.7 to port 22", result.Output);
    }

    [Fact]
    public async Task Run_WithoutShell_ShellSyntaxStaysLiteral()
    {
        HookResult result = await HookRunner.RunAsync("/bin/echo %IP%; rm -rf /nonexistent | cat", shell: false, Source, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("203.0.113.7; rm -rf /nonexistent | cat", result.Output);
    }

    [Fact]
    public async Task Run_WithShell_UsesTheShell()
    {
        HookResult result = await HookRunner.RunAsync("echo %IP% | tr . -; exit 3", shell: true, IPAddress.Parse("2001:db8::7"), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("2001:db8::7", result.Output);
    }

    [Fact]
    public async Task Run_PastTheTimeLimit_IsStopped()
    {
        var watch = Stopwatch.StartNew();

        HookResult result = await HookRunner.RunAsync("/bin/sleep 30", shell: false, Source, TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("/nonexistent/tool %IP%", "cannot run '/nonexistent/tool'")]
    [InlineData("echo 'open", "quote")]
    [InlineData("   ", "empty")]
    public async Task Run_CommandThatCannotStart_SaysWhy(string command, string expected)
    {
        HookResult result = await HookRunner.RunAsync(command, shell: false, Source, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Null(result.ExitCode);
        Assert.Contains(expected, result.StartError, StringComparison.Ordinal);
    }
}
