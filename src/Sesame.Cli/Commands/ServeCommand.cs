using System.CommandLine;
using System.Runtime.InteropServices;
using Sesame.Linux.Daemon;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame serve CONFIG</c>: the daemon. A config with errors is refused (exit 1) before anything in the kernel is
/// touched; otherwise the ruleset goes in atomically, systemd is told READY=1, and the daemon runs until SIGTERM or
/// SIGINT (exit 0). The table stays on exit unless <c>--remove-on-exit</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        var removeOnExit = new Option<bool>("--remove-on-exit")
        {
            Description = "Delete table inet sesame on exit. By default it stays: granted addresses keep access until their timeout and the protection stays.",
        };
        var group = new Option<ushort>("--nflog-group")
        {
            Description = "The NFLOG group the ruleset logs knocks and Layer7 candidates to.",
            DefaultValueFactory = _ => new DaemonOptions().NflogGroup,
        };
        var poll = new Option<double>("--poll-interval")
        {
            Description = "Seconds between two looks at the sets for expired entries.",
            DefaultValueFactory = _ => new DaemonOptions().PollInterval.TotalSeconds,
        };
        Option<bool> strict = CommonOptions.Strict();
        var command = new Command("serve", "Run the daemon: install the configuration in the kernel (table inet sesame), log knocks, decide Layer7 knocks.")
        {
            config, removeOnExit, group, poll, strict,
        };
        command.SetAction(parse => Run(
            parse.GetValue(config)!,
            new DaemonOptions
            {
                RemoveOnExit = parse.GetValue(removeOnExit),
                NflogGroup = parse.GetValue(group),
                PollInterval = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(poll), 0.05, 3600)),
            },
            parse.GetValue(strict),
            context));
        return command;
    }

    private static int Run(string configPath, DaemonOptions options, bool strict, CliContext context)
    {
        if (ConfigLoader.LoadUsable(configPath, strict, context, "applied; the running ruleset is unchanged") is not { } config)
        {
            return ExitCodes.InputError;
        }

        if (!NftContext.IsAvailable)
        {
            context.Error.WriteLine("sesame: libnftables.so.1 is not installed (apt-get install libnftables1)");
            return ExitCodes.InputError;
        }

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var daemon = new SesameDaemon(config, options, context.Out);
        ConfigLoader.Report(daemon.Compilation.Diagnostics, context.Error);
        try
        {
            daemon.Start();
        }
        catch (Exception e) when (e is NftException or NflogException)
        {
            context.Error.WriteLine($"sesame: {e.Message}");
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return ExitCodes.InputError;
        }

        SdNotify.Notify("READY=1\nSTATUS=table inet sesame applied; listening");
        daemon.Run(stop.Token);
        SdNotify.Notify("STOPPING=1");
        return ExitCodes.Ok;
    }
}
