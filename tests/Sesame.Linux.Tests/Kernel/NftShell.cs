using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sesame.Tests.Kernel;

/// <summary>The <c>nft</c> program in a namespace, as an administrator (or an attacker) would run it.</summary>
internal static partial class NftShell
{
    /// <summary>Runs <c>nft ARGS</c> in <paramref name="ns"/> to its end (at most 30 s).</summary>
    public static (int ExitCode, string Output, string Error) Run(string ns, params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["netns", "exec", ns, "nft", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            process.WaitForExit(5000);
            throw new TimeoutException($"nft {string.Join(' ', args)} did not finish in 30 s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs <c>nft ARGS</c> and fails the test when nft refuses.</summary>
    public static string Must(string ns, params string[] args)
    {
        (int exitCode, string output, string error) = Run(ns, args);
        Assert.True(exitCode == 0, $"nft {string.Join(' ', args)} exited {exitCode}: {error}");
        return output;
    }

    /// <summary>
    /// <c>table inet sesame</c> without set elements (terse) and with counter values blanked: every chain, rule, set and
    /// counter — what a repair must bring back exactly. Null when there is no such table.
    /// </summary>
    public static string? Structure(string ns)
    {
        (int exitCode, string output, _) = Run(ns, "-t", "list", "table", "inet", "sesame");
        return exitCode == 0 ? CounterValues().Replace(output, "packets * bytes *") : null;
    }

    /// <summary>The handle of the first rule of <paramref name="chain"/>.</summary>
    public static string FirstRuleHandle(string ns, string chain)
    {
        string listing = Must(ns, "-a", "list", "chain", "inet", "sesame", chain);
        return RuleHandle().Match(listing) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no rule in {chain}: {listing}");
    }

    [GeneratedRegex(@"packets \d+ bytes \d+")]
    private static partial Regex CounterValues();

    [GeneratedRegex(@"\n\t\t[^\n]*# handle (\d+)")]
    private static partial Regex RuleHandle();
}
