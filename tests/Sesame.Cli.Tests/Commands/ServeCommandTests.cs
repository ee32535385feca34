
namespace Sesame.Tests.Commands;

/// <summary>
/// <c>serve</c>'s arguments are checked before anything is touched; these runs never reach the kernel (the daemon's
/// behaviour is tested as root in Sesame.Linux.Tests).
/// </summary>
public sealed class ServeCommandTests
{
    private static readonly string Config = RepoPaths.Combine("deploy", "examples", "three-knock.rsc");

    [Theory]
    [InlineData("--report-rate", "0", "--report-rate must be between 1 and 1000000")]
    [InlineData("--report-rate", "-5", "--report-rate must be between 1 and 1000000")]
    [InlineData("--set-size", "0", "--set-size must be between 1 and 67108864")]
    [InlineData("--set-size", "100000000", "--set-size must be between 1 and 67108864")]
    [InlineData("--set-size", "lots", "lots")]
    [InlineData("--poll-interval", "0", "--poll-interval must be between 0.05 and 3600 seconds")]
    [InlineData("--poll-interval", "NaN", "--poll-interval must be between")]
    [InlineData("--metrics", "localhost:9464", "--metrics must be ADDRESS:PORT, an IPv4 address or an IPv6 address in brackets")]
    [InlineData("--metrics", "::1:9464", "--metrics must be ADDRESS:PORT")]
    [InlineData("--metrics", "127.0.0.1:0", "--metrics must be ADDRESS:PORT")]
    [InlineData("--metrics", "127.0.0.1", "--metrics must be ADDRESS:PORT")]
    [InlineData("--metrics", "\u001b[2J:80", "not '\\x1B[2J:80'")]
    public void Serve_BadSizeOrRate_IsAUsageError_NamingTheOption(string option, string value, string message)
    {
        CliRun run = CliRun.Of("serve", Config, option, value);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }
}
