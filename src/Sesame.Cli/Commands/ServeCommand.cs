using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Sesame.Checking;
using Sesame.Cli.Logging;
using Sesame.Cli.Metrics;
using Sesame.Diagnostics;
using Sesame.Linux.Control;
using Sesame.Linux.Daemon;
using Sesame.Linux.Hooks;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.RouterOS;
using Sesame.Text;

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
            Description = "Seconds between two looks at an entry without timeout (to notice it was removed); entries with a timeout are looked at when it runs out.",
            DefaultValueFactory = _ => new DaemonOptions().PollInterval.TotalSeconds,
        };
        var reportRate = new Option<int>("--report-rate")
        {
            Description = "Packets a second each add-to-address-list rule reports to the daemon at most; beyond it (a flood) the kernel still updates the list, the log lines are sampled.",
            DefaultValueFactory = _ => new DaemonOptions().ReportRate,
        };
        var setSize = new Option<int>("--set-size")
        {
            Description = "The most entries each address list holds per family (about 82 bytes of kernel memory each when used). A full knock-stage list is emptied by the daemon; a full grant or blacklist list is kept.",
            DefaultValueFactory = _ => new DaemonOptions().SetSize,
        };
        var stateDir = new Option<string>("--state-dir")
        {
            Description = "Where the daemon keeps what must survive a restart: the SPA replay journal (spa-replay). Created (mode 0700) when an SPA door needs it.",
            DefaultValueFactory = _ => new DaemonOptions().StateDirectory,
        };
        Option<bool> strict = CommonOptions.Strict();
        Option<string> ipv6 = CommonOptions.Ipv6();
        Option<string> control = Control();
        var metrics = new Option<string>("--metrics")
        {
            Description = $"Serve Prometheus metrics at http://ADDR:PORT/metrics ({MetricsAddress.Usage}; docs/metrics.md). Off unless given.",
        };
        var confirm = new Option<string?>("--confirm")
        {
            Description = "Put the table back as it was before this start, and exit 4, unless 'sesame confirm' runs within this time (RouterOS time: 60s, 2m; 1s to 24h). A stop in the window rolls back too.",
        };
        var fleet = new ServeFleet();
        var command = new Command("serve", "Run the daemon: install the configuration in the kernel (table inet sesame), log knocks, decide Layer7 knocks.")
        {
            config, removeOnExit, group, poll, reportRate, setSize, stateDir, strict, ipv6, control, metrics, confirm,
        };
        foreach (Option option in fleet.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => !InRange(parse.GetValue(reportRate), 1, 1_000_000, "--report-rate", "packets a second", context)
            || !InRange(parse.GetValue(setSize), 1, 1 << 26, "--set-size", "entries", context)
            || !InRange(parse.GetValue(poll), 0.05, 3600, "--poll-interval", "seconds", context)
            || !TryMetrics(parse.GetValue(metrics), context, out IPEndPoint? metricsEndPoint)
            || !TryConfirmWindow(parse.GetValue(confirm), context, out TimeSpan? within)
            || !fleet.TryRead(parse, context, out ServeFleet.Request fleetRequest) ? ExitCodes.Usage : Run(
            parse.GetValue(config)!,
            new DaemonOptions
            {
                RemoveOnExit = parse.GetValue(removeOnExit),
                NflogGroup = parse.GetValue(group),
                PollInterval = TimeSpan.FromSeconds(parse.GetValue(poll)),
                ReportRate = parse.GetValue(reportRate),
                SetSize = parse.GetValue(setSize),
                ControlPath = parse.GetValue(control),
                StateDirectory = parse.GetValue(stateDir)!,
                ConfirmStartWithin = within,
            },
            parse.GetValue(strict),
            parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror,
            context,
            metricsEndPoint,
            fleetRequest));
        return command;
    }

    /// <summary><c>--control PATH</c>: the daemon's control socket, for serve and run.</summary>
    public static Option<string> Control() => new("--control")
    {
        Description = $"The daemon's control socket, where 'sesame run' asks it to run a script (default {ControlProtocol.DefaultPath}; root only).",
        DefaultValueFactory = _ => ControlProtocol.DefaultPath,
    };

    private static bool TryMetrics(string? value, CliContext context, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value is null || MetricsAddress.TryParse(value, out endPoint))
        {
            return true;
        }

        context.Error.WriteLine(TerminalText.Escape($"sesame: --metrics must be {MetricsAddress.Usage}, not '{value}'"));
        return false;
    }

    private static bool TryConfirmWindow(string? text, CliContext context, out TimeSpan? within)
    {
        within = null;
        if (text is null)
        {
            return true;
        }

        if (!ApplyCommand.TryParseWindow(text, out TimeSpan value, out string error))
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: --confirm {error}"));
            return false;
        }

        within = value;
        return true;
    }

    private static bool InRange(double value, double min, double max, string option, string unit, CliContext context)
    {
        if (value >= min && value <= max)
        {
            return true;
        }

        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sesame: {option} must be between {min} and {max} {unit}, not {value}"));
        return false;
    }

    private static int Run(string configPath, DaemonOptions options, bool strict, bool mirrorIpv6, CliContext context, IPEndPoint? metricsEndPoint = null, ServeFleet.Request? fleetRequest = null)
    {
        if (!ServeRecovery.TryFind(configPath, options.StateDirectory, context, out ApplyJournal.Pending? unconfirmed))
        {
            return ExitCodes.InputError;
        }

        if (unconfirmed is not null && options.ConfirmStartWithin is not null)
        {
            // The table holds the unconfirmed apply's rules: a trial of this start would put exactly those back.
            context.Error.WriteLine("sesame: --confirm cannot try this start while it rolls back an unconfirmed apply; start without --confirm, then try the change with 'sesame apply --confirm'");
            return ExitCodes.InputError;
        }

        string servedPath = unconfirmed?.CopyPath ?? configPath;
        if (ConfigLoader.LoadUsableWithProfile(servedPath, strict, context, "applied; the running ruleset is unchanged", mirrorIpv6, forKernel: true) is not { } loaded)
        {
            return ExitCodes.InputError;
        }

        FleetPlan? fleet = null;
        if (fleetRequest is not null && ServeFleet.TryPlan(fleetRequest, loaded, configPath, context, out fleet) is var planned && planned != ExitCodes.Ok)
        {
            return planned;
        }

        FirewallConfig config = loaded.Config;
        // The schedulers and 'sesame run' (through the control socket, at any time) run on the daemon's script worker;
        // a config with neither scripts nor schedulers (whose on-event may hold code of its own) has no runner and no
        // worker thread at all.
        options = options with
        {
            Hooks = DoorHooks(loaded.Profile),
            Scripts = config.Scripts.Count > 0 || config.Schedulers.Count > 0 ? RouterOsScripts.CreateRunner(config) : null,
            ConfigPath = Path.GetFullPath(configPath),
            ConfigText = ServeRecovery.TextOf(servedPath),
            Unconfirmed = unconfirmed,
            Loader = DaemonConfigLoader.Create(strict, mirrorIpv6),
            RuleText = RouterOsExporter.ExportRule,
        };

        if (!NftContext.IsAvailable)
        {
            context.Error.WriteLine("sesame: libnftables.so.1 is not installed (apt-get install libnftables1)");
            return ExitCodes.InputError;
        }

        // Built last: nothing but the kernel can refuse the start from here on; the daemon starts and disposes the link.
        options = fleet?.Apply(options) ?? options;
        using var stop = new SignalStop();
        using var reload = new SignalReload();
        // RouterOS filters the families apart: a config that guards only IPv4 leaves the door open over IPv6, and one that
        // drops ICMPv6 takes IPv6 down. Said on standard error before anything is applied, and in the daemon's log.
        IReadOnlyList<Diagnostic> exposure = [.. ConfigChecker.CheckIpv6Exposure(config), .. ConfigChecker.CheckIpv6NeighbourDiscovery(config)];
        ConfigLoader.Report(exposure, context.Error);
        // Disposed after the daemon (declared before it): the console logger's queue is written out, the stop line included.
        using ILoggerFactory logging = DaemonLogging.Create(context, LogLevel.Debug);
        if (TryCreate(config, options, logging.CreateLogger(DaemonLogging.Category), context) is not { } created)
        {
            options.Fleet?.Dispose();
            return ExitCodes.InputError;
        }

        using SesameDaemon daemon = created;
        ConfigLoader.Report(daemon.Compilation.Diagnostics, context.Error);
        if (!ServeMetrics.TryBind(metricsEndPoint, context, out MetricsEndpoint? endpoint))
        {
            return ExitCodes.InputError;
        }

        using MetricsEndpoint? metricsServer = endpoint;
        try
        {
            daemon.Start();
        }
        catch (NftVerificationException e)
        {
            // Applied, but the table read back is not the compiled one: no READY, no normal start.
            context.Error.WriteLine($"sesame: {e.Message}");
            context.Error.WriteLine("sesame: table inet sesame does not hold the compiled ruleset; not starting");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is NftException or NflogException or ControlException or IOException)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return ExitCodes.InputError;
        }

        foreach (Diagnostic warning in exposure)
        {
            daemon.LogWarning(warning);
        }

        metricsServer?.Start(new MetricsExporter(daemon.Metrics, () => daemon.ReadKernelState(), TimeProvider.System).WriteAsync);
        SdNotify.Notify("READY=1\nSTATUS=table inet sesame applied; listening");
        reload.Attach(() => daemon.RequestReload("signal"));
        daemon.Run(stop.Token);
        SdNotify.Notify("STOPPING=1");
        return daemon.RollBackPending() ? ExitCodes.RolledBack : ExitCodes.Ok;
    }

    /// <summary>Compiles the ruleset; null (reported) when the back end refuses a name nftables cannot hold.</summary>
    private static SesameDaemon? TryCreate(FirewallConfig config, DaemonOptions options, ILogger logger, CliContext context)
    {
        try
        {
            return new SesameDaemon(config, options, logger);
        }
        catch (NftException e)
        {
            context.Error.WriteLine($"sesame: {e.Message}");
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return null;
        }
    }

    /// <summary>A door profile's hooks, keyed by the list that admits the door's sources.</summary>
    internal static IReadOnlyList<ListHook> DoorHooks(DoorProfile? profile) =>
        profile is null
            ? []
            : [.. profile.Doors
                .Where(d => d.Hooks is not null)
                .Select(d => new ListHook(d.GrantedList, d.Hooks!.Start, d.Hooks.Stop, d.Hooks.StopAfter, d.Hooks.Shell, d.Hooks.TimeLimit))];
}
