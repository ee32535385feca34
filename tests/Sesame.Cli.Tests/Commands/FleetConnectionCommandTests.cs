using Sesame.Cli;
using Sesame.Cli.Commands;

namespace Sesame.Tests.Commands;

/// <summary>
/// What needs the connection text parsed (Sesame.Fleet's <c>FleetConnection</c>) but no database: a malformed CONNSTRING
/// is refused before anything is applied, and the options and a profile's section make one plan, value by value.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetConnectionCommandTests : IDisposable
{
    private static readonly string Config = RepoPaths.Combine("deploy", "examples", "three-knock.rsc");

    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-fleet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private ConfigLoader.Loaded Profile(string fleet)
    {
        string path = Write("door.yaml", "interfaces:\n  outside: [ether1]\ndoors:\n  - name: ssh\n    knocks: [7000, 8000]\n    open: [22]\nblacklist:\n  scan: {ports: [23]}\n" + fleet);
        ConfigLoader.Loaded loaded = ConfigLoader.Parse(path, File.ReadAllText(path), strict: false);
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Diagnostics));
        return loaded;
    }

    private static (int Exit, FleetPlan? Plan, string Err) Plan(ServeFleet.Request request, ConfigLoader.Loaded loaded)
    {
        var error = new StringWriter();
        int exit = ServeFleet.TryPlan(request, loaded, "door.yaml", new CliContext(new StringWriter(), error, new StringReader("")), out FleetPlan? plan);
        return (exit, plan, error.ToString());
    }

    [FleetDbFact]
    public void Serve_MalformedFleet_IsAUsageErrorBeforeAnythingIsApplied()
    {
        CliRun run = CliRun.Of("serve", Config, "--fleet", "Host=db;No Such Keyword=1");

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("sesame: --fleet: ", run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [FleetDbFact]
    public void Status_MalformedConnstring_IsAUsageError()
    {
        CliRun run = CliRun.Of("fleet", "status", "Host=db;No Such Keyword=1");

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("sesame: ", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [FleetDbFact]
    public void Status_DatabaseNotThere_IsOneLineExitOne()
    {
        CliRun run = CliRun.Of("fleet", "status", $"Host={Path.Combine(_dir, "no-server")};Username=postgres;Database=sesame;Timeout=2");

        Assert.Equal(1, run.Exit);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.True(run.HasNoStackTrace, run.Err);
        Assert.Empty(run.Out);
    }

    [FleetDbFact]
    public void TryPlan_ProfileAlone_GivesConnectionPasswordNodeAndLists()
    {
        Write("fleet.pass", "s3cret-from-file\n");
        ConfigLoader.Loaded loaded = Profile("fleet:\n  connection: Host=db.example.net;Username=sesame_node;Database=sesame\n  password-file: fleet.pass\n  node: web-1\n  share: [ssh-knock1]\n  local: [blacklist]\n");

        (int exit, FleetPlan? plan, string err) = Plan(new ServeFleet.Request(null, null, null, null, null), loaded);

        Assert.True(exit == 0, err);
        Assert.Contains("db.example.net", plan!.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("s3cret-from-file", plan.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("web-1", plan.Node);
        Assert.Equal(["ssh-knock1"], plan.Share);
        Assert.Equal(["blacklist"], plan.Local);
    }

    [FleetDbFact]
    public void TryPlan_Options_OverrideTheProfileValueByValue()
    {
        Write("fleet.pass", "from-profile\n");
        string optionPassword = Write("option.pass", "from-option\n");
        ConfigLoader.Loaded loaded = Profile("fleet:\n  connection: Host=profile.example.net;Username=sesame_node;Database=sesame\n  password-file: fleet.pass\n  node: web-1\n  share: [ssh-knock1]\n  local: [blacklist]\n");

        (int exit, FleetPlan? plan, string err) = Plan(new ServeFleet.Request("Host=option.example.net;Username=sesame_node;Database=sesame", optionPassword, "web-2", null, ["ssh-secured"]), loaded);

        Assert.True(exit == 0, err);
        Assert.Contains("option.example.net", plan!.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("from-option", plan.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("from-profile", plan.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("web-2", plan.Node);
        Assert.Equal(["ssh-knock1"], plan.Share);
        Assert.Equal(["ssh-secured"], plan.Local);
    }

    [FleetDbFact]
    public void TryPlan_NoNode_IsTheHostName()
    {
        ConfigLoader.Loaded loaded = Profile("fleet:\n  connection: Host=db;Username=sesame_node;Database=sesame\n");

        (int exit, FleetPlan? plan, string err) = Plan(new ServeFleet.Request(null, null, null, null, null), loaded);

        if (exit == 2)
        {
            // A host name that is no node name (this branch refuses it; a cleaned default never is).
            Assert.False(Sesame.Profiles.FleetNames.IsNodeName(Environment.MachineName));
            Assert.Contains("name this node with --fleet-node", err, StringComparison.Ordinal);
            return;
        }

        Assert.True(exit == 0, err);
        Assert.True(Sesame.Profiles.FleetNames.IsNodeName(plan!.Node), plan.Node);
        Assert.StartsWith(Environment.MachineName[..Math.Min(Environment.MachineName.Length, 20)], plan.Node, StringComparison.Ordinal);
        Assert.Empty(plan.Share);
        Assert.Empty(plan.Local);
    }
}
