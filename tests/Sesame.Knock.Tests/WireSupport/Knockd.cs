using Sesame.Tests.Kernel;

namespace Sesame.Tests.WireSupport;

/// <summary>The Debian knockd, in the foreground in the server namespace, with a config written for the test.</summary>
internal static class Knockd
{
    /// <summary>Starts knockd with one door and returns once it listens; its log is <c>knockd.log</c> in <paramref name="folder"/>.</summary>
    public static BackgroundProcess Start(NetNs pair, string folder, string sequence, string startCommand)
    {
        string log = Path.Combine(folder, "knockd.log");
        string config = Path.Combine(folder, "knockd.conf");
        File.WriteAllText(config, $"""
            [options]
                LogFile = {log}
            [door]
                sequence      = {sequence}
                seq_timeout   = 10
                tcpflags      = syn
                start_command = {startCommand}

            """);
        // Without -d knockd stays in the foreground; -D prints its pcap filter and each packet it sees.
        BackgroundProcess knockd = pair.Start(pair.Server, Tools.Require("knockd"), "-i", pair.ServerInterface, "-c", config, "-D");
        if (!Poll.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("knockd did not start:\n" + knockd.Output);
        }

        return knockd;
    }
}
