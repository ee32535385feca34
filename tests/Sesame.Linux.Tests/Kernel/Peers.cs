using System.Diagnostics;
using System.Net;

namespace Sesame.Tests.Kernel;

/// <summary>Real third-party peers run in the client namespace: the Debian <c>knock</c> client and <c>nmap</c>.</summary>
internal static class Peers
{
    public static bool HaveKnock => File.Exists("/usr/bin/knock");

    public static bool HaveNmap => File.Exists("/usr/bin/nmap");

    /// <summary><c>knock -d 100 HOST PORT…</c> (TCP knocks, 100 ms apart), IPv6 with <c>-6</c>.</summary>
    public static void Knock(NetNs ns, IPAddress server, params int[] ports)
    {
        string[] args = server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ["-6"] : [];
        Run(ns.Client, TimeSpan.FromSeconds(30), "knock", [.. args, "-d", "100", server.ToString(), .. ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    public static string Nmap(NetNs ns, TimeSpan limit, params string[] args) => Run(ns.Client, limit, "nmap", args);

    private static string Run(string ns, TimeSpan limit, string program, string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["netns", "exec", ns, program, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill();
            process.WaitForExit(5000);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {limit.TotalSeconds} s");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {error.Result}");
        }

        return output.Result;
    }
}
