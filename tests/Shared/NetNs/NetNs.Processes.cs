namespace Sesame.Tests.Kernel;

/// <summary>Commands run inside a namespace under <c>ip netns exec</c>, each bounded in time.</summary>
internal sealed partial class NetNs
{
    /// <summary>Runs a command inside a namespace to its end (bounded) and returns how it ended.</summary>
    public ProcessResult Run(string ns, TimeSpan timeout, params string[] command) =>
        ProcessRunner.Run(Tools.Require("ip"), ["netns", "exec", ns, .. command], timeout);

    /// <summary>Starts a long-running command inside a namespace; it is stopped (by its PID) when the fixture is disposed.</summary>
    public BackgroundProcess Start(string ns, params string[] command)
    {
        var process = new BackgroundProcess(Tools.Require("ip"), ["netns", "exec", ns, .. command]);
        _started.Add(process);
        return process;
    }

    /// <summary>Runs the built <c>sesame</c> program (copied next to the tests) in the client namespace.</summary>
    public ProcessResult Sesame(params string[] args) =>
        Run(Client, TimeSpan.FromSeconds(30), [Tools.Dotnet, Tools.SesameDll, .. args]);
}
