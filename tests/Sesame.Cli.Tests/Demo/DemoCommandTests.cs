using System.Diagnostics;

namespace Sesame.Tests.Demo;

/// <summary><c>sesame demo</c> for real: closed, knock, open, and nothing left behind.</summary>
public sealed class DemoCommandTests
{
    [DemoFact]
    public void Demo_AsRoot_ShowsTheDoorClosedThenOpenAndCleansUp()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sesame.dll"));
        start.ArgumentList.Add("demo");
        using Process demo = Process.Start(start)!;
        Task<string> output = demo.StandardOutput.ReadToEndAsync();
        Task<string> error = demo.StandardError.ReadToEndAsync();
        if (!demo.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            demo.Kill(entireProcessTree: true);
            Assert.Fail("sesame demo did not finish within 90 s");
        }

        string text = output.Result;
        Assert.True(demo.ExitCode == 0, text + error.Result);
        Assert.Contains("closed: no answer", text, StringComparison.Ordinal);
        Assert.Contains("open: SSH-2.0-sesame-demo", text, StringComparison.Ordinal);
        Assert.Contains("secured", text, StringComparison.Ordinal);
        Assert.Contains("cleaned up", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("closed:", StringComparison.Ordinal) < text.IndexOf("open:", StringComparison.Ordinal));
        string namespaces = Run("ip", "netns", "list");
        Assert.DoesNotContain($"sesame-demo-{demo.Id % 100000}-", namespaces, StringComparison.Ordinal);
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit(10_000);
        return text;
    }
}
