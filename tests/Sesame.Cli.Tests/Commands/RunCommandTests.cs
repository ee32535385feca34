namespace Sesame.Tests.Commands;

/// <summary>
/// <c>sesame run</c>'s checks before the kernel: these runs never reach a table (the runs against one are tested as root,
/// in network namespaces, in Sesame.Linux.Tests).
/// </summary>
public sealed class RunCommandTests
{
    private const string Config = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp
        /system script add name=grant source={ :log info "hi" }
        """;

    [Fact]
    public void Run_NoScriptName_UsageError()
    {
        CliRun run = CliRun.Of("run");

        Assert.Equal(2, run.Exit);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_ScriptNotInTheConfiguration_ExitOneNamingTheScripts()
    {
        using var config = new TempFile("door.rsc", Config);

        CliRun run = CliRun.Of("run", "grnat", "--config", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains("has no script 'grnat' (it has: grant)", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_HostileScriptName_EscapedInTheMessage()
    {
        using var config = new TempFile("door.rsc", Config);

        CliRun run = CliRun.Of("run", "x\u001b[2J\ny", "--config", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.DoesNotContain('\u001b', run.Err);
        Assert.True(run.Err.Contains("has no script 'x\\x1B[2J\\ny'", StringComparison.Ordinal), run.Err);
    }

    [Fact]
    public void Run_ConfigurationMissing_ExitOneNamingIt()
    {
        CliRun run = CliRun.Of("run", "grant", "--config", "/nonexistent/sesame.rsc");

        Assert.Equal(1, run.Exit);
        Assert.Contains("/nonexistent/sesame.rsc", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_ConfigurationWithErrors_RefusedBeforeTheKernel()
    {
        using var config = new TempFile("bad.rsc", Config + "/ip firewall filter add chain=input action=frobnicate\n");

        CliRun run = CliRun.Of("run", "grant", "--config", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains("has errors; nothing was run", run.Err, StringComparison.Ordinal);
    }
}
