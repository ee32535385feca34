using System.CommandLine;
using Sesame.Linux.Nftables;

namespace Sesame.Cli.Demo;

/// <summary>
/// <c>sesame demo</c>: the whole system for real, as root, in two network namespaces it makes and removes — a router
/// whose port 22 is protected by <c>sesame serve</c> with the seeds' three-knock door, and a client that finds the port
/// closed, knocks with <c>sesame knock</c>, and finds it open. Everything is removed at the end, also on Ctrl-C or failure.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("demo", "As root: show a Sesame door for real in two network namespaces (closed, knock, open), then remove everything.");
        command.SetAction(_ => Run(context));
        return command;
    }

    private static int Run(CliContext context)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            context.Error.WriteLine("sesame: demo needs root (it creates network namespaces and an nftables table inside one)");
            return ExitCodes.Failed;
        }

        if (!NftContext.IsAvailable)
        {
            context.Error.WriteLine("sesame: demo needs libnftables (Debian: apt-get install libnftables1 nftables iproute2)");
            return ExitCodes.Failed;
        }

        // The demo's steps are bounded; a signal asks them to stop at the next step and the cleanup still runs.
        using var cancel = new SignalStop();
        var demo = new DemoRun(context.Out, cancel.Token);
        try
        {
            demo.Play();
            return ExitCodes.Ok;
        }
        catch (DemoException ex)
        {
            context.Error.WriteLine($"sesame: demo failed: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("sesame: demo interrupted");
            return ExitCodes.Failed;
        }
        finally
        {
            demo.CleanUp();
        }
    }
}
