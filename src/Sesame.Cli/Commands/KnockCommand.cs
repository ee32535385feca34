using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sesame.Knock;
using Sesame.Knock.Spa;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame knock HOST KNOCK…</c>: the client. Exit 0 when the knocks were sent (and a <c>--wait</c> port opened),
/// 2 for a bad argument, 3 when the <c>--wait</c> port stayed closed, 1 for anything else; with <c>--then</c>, the
/// command's own exit status.
/// </summary>
internal static class KnockCommand
{
    public static Command Create(CliContext context)
    {
        var host = new Argument<string?>("HOST")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "The host to knock on: a name (resolved once) or an IPv4/IPv6 address (with --spa, an fwknoprc stanza's SPA_SERVER if left out).",
        };
        var knocks = new Argument<string[]>("KNOCK")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "PORT[:tcp|udp|icmp][:PAYLOAD], e.g. 1234:tcp 4321:udp:supersecretpassword1 (\\xNN for any byte); "
                + "0:icmp[:PAYLOAD] or 0:icmp:size=N for an ICMP echo whose IP packet is N bytes long.",
        };
        var delay = new Option<int>("--delay", "-d") { Description = "Milliseconds to wait between two knocks (knockd's -d).", DefaultValueFactory = _ => 0 };
        var udp = new Option<bool>("--udp", "-u") { Description = "Knocks without a protocol are UDP instead of TCP." };
        var ipv4 = new Option<bool>("--ipv4", "-4") { Description = "Use IPv4 only." };
        var ipv6 = new Option<bool>("--ipv6", "-6") { Description = "Use IPv6 only." };
        var source = new Option<string?>("--source") { Description = "Knock from this local address." };
        var device = new Option<string?>("--interface") { Description = "Knock out of this interface (SO_BINDTODEVICE; needs CAP_NET_RAW)." };
        var raw = new Option<bool>("--raw") { Description = "Send TCP knocks as raw SYNs (needs CAP_NET_RAW) instead of connect attempts." };
        var connectTimeout = new Option<int>("--connect-timeout")
        {
            Description = "Milliseconds a TCP connect attempt waits for an answer before it is closed (0..900, default 0: the SYN is sent either way; a wait only shows the answer with -v, and stays below the 1 s SYN retransmission, so one SYN per knock).",
            DefaultValueFactory = _ => (int)KnockSettings.DefaultConnectTimeout.TotalMilliseconds,
        };
        var wait = new Option<string?>("--wait") { Description = "After knocking, poll PORT[/tcp] until it accepts a connection; exit 3 if it does not in time." };
        var waitTimeout = new Option<int>("--wait-timeout") { Description = "Milliseconds --wait polls before giving up.", DefaultValueFactory = _ => 10_000 };
        var then = new Option<string?>("--then") { Description = "Run this command after a successful knock (split into words, no shell) and exit with its status." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the packets that would be sent; send nothing." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print each packet as it is sent and what came back." };
        var door = new Option<string?>("--door") { Description = "Knock the door of this name from a profile instead of KNOCK arguments." };
        var config = new Option<string?>("--config") { Description = $"The profile --door reads (default: {DoorKnocks.DefaultConfigPath()})." };

        var spa = new SpaOptions();

        var command = new Command("knock", "Knock on a host: TCP, UDP and ICMP knocks for Sesame doors, RouterOS routers and knockd servers, or one SPA packet (--spa) for Sesame SPA doors and fwknopd.")
        {
            host, knocks, delay, udp, ipv4, ipv6, source, device, raw, connectTimeout, wait, waitTimeout, then, dryRun, verbose, door, config,
        };
        spa.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            string[] typed = parse.GetValue(knocks) ?? [];
            if (parse.GetValue(spa.Spa))
            {
                if (typed.Length > 0)
                {
                    context.Error.WriteLine($"sesame knock: --spa sends one SPA packet; KNOCK arguments ({string.Join(' ', typed)}) do not go with it (the ports to open: -A tcp/22)");
                    return Task.FromResult(ExitCodes.Usage);
                }

                if (parse.GetValue(raw) || parse.GetValue(udp) || parse.GetValue(delay) != 0)
                {
                    context.Error.WriteLine("sesame knock: --raw, --udp and --delay are for knock sequences, not --spa");
                    return Task.FromResult(ExitCodes.Usage);
                }

                var spaRequest = new SpaKnockOptions(
                    parse.GetValue(host),
                    parse.GetValue(spa.Access),
                    parse.GetValue(spa.AllowIp),
                    parse.GetValue(spa.SourceIp),
                    parse.GetValue(spa.ResolveIp),
                    parse.GetValue(spa.FwTimeout),
                    parse.GetValue(spa.User),
                    parse.GetValue(spa.Port),
                    parse.GetValue(ipv4),
                    parse.GetValue(ipv6),
                    parse.GetValue(source),
                    parse.GetValue(device),
                    parse.GetValue(wait),
                    parse.GetValue(waitTimeout),
                    parse.GetValue(then),
                    parse.GetValue(spa.SavePacket),
                    parse.GetValue(dryRun),
                    parse.GetValue(verbose));
                var keys = new SpaKnocks.KeySource(parse.GetValue(spa.Keys), parse.GetValue(door), parse.GetValue(config), parse.GetValue(spa.RcFile), parse.GetValue(spa.Named));
                return SpaKnocks.RunAsync(spaRequest, keys, context, cancellationToken);
            }

            if (spa.FirstGiven(parse) is { } spaOnly)
            {
                context.Error.WriteLine($"sesame knock: {spaOnly} goes with --spa");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (parse.GetValue(door) is { } name)
            {
                if (typed.Length > 0)
                {
                    context.Error.WriteLine("sesame knock: give either KNOCK arguments or --door, not both");
                    return Task.FromResult(ExitCodes.Usage);
                }

                if (DoorKnocks.Load(name, parse.GetValue(config), context, out int exit) is not { } fromDoor)
                {
                    return Task.FromResult(exit);
                }

                if (fromDoor.Length == 0)
                {
                    context.Error.WriteLine($"sesame knock: door '{name}' has no knock sequence; if it is an SPA door, add --spa");
                    return Task.FromResult(ExitCodes.Usage);
                }

                typed = fromDoor;
            }
            else if (parse.GetValue(config) is not null)
            {
                context.Error.WriteLine("sesame knock: --config goes with --door");
                return Task.FromResult(ExitCodes.Usage);
            }

            var request = new KnockOptions(
                parse.GetValue(host) ?? "",
                typed,
                parse.GetValue(delay),
                parse.GetValue(udp),
                parse.GetValue(ipv4),
                parse.GetValue(ipv6),
                parse.GetValue(source),
                parse.GetValue(device),
                parse.GetValue(raw),
                parse.GetValue(connectTimeout),
                parse.GetValue(wait),
                parse.GetValue(waitTimeout),
                parse.GetValue(then),
                parse.GetValue(dryRun),
                parse.GetValue(verbose));
            return RunAsync(request, context, cancellationToken);
        });
        return command;
    }

    /// <summary>A plan's check that the resolved host is of the family the options asked for.</summary>
    internal delegate bool TargetCheck(IPAddress target, out string error);

    /// <summary>
    /// Resolves HOST once and checks it against the plan; on failure writes the message and gives the exit status
    /// (1: the name does not resolve; 2: an address of the wrong family). Shared by plain and SPA knocks.
    /// </summary>
    internal static IPAddress? ResolveTarget(string host, AddressFamily family, TargetCheck check, CliContext context, out int exit)
    {
        exit = 0;
        IPAddress target;
        try
        {
            target = HostResolver.Resolve(host, family);
        }
        catch (KnockException ex)
        {
            context.Error.WriteLine($"sesame knock: {ex.Message}");
            exit = ExitCodes.Failed;
            return null;
        }

        if (!check(target, out string targetError))
        {
            context.Error.WriteLine($"sesame knock: {targetError}");
            exit = ExitCodes.Usage;
            return null;
        }

        return target;
    }

    private static async Task<int> RunAsync(KnockOptions request, CliContext context, CancellationToken cancellationToken)
    {
        KnockPlan? plan = KnockPlan.Validate(request, out List<string> errors);
        if (plan is null)
        {
            foreach (string error in errors)
            {
                context.Error.WriteLine($"sesame knock: {error}");
            }

            return ExitCodes.Usage;
        }

        if (ResolveTarget(request.Host, plan.Family, plan.TryCheckTarget, context, out int resolveExit) is not { } target)
        {
            return resolveExit;
        }

        var client = new KnockClient(plan.Settings, TimeProvider.System);
        if (request.DryRun)
        {
            PrintPlan(plan, client, target, context.Out);
            return ExitCodes.Ok;
        }

        int current = 0;
        try
        {
            await client.KnockAsync(target, plan.Steps, (i, outcome) =>
            {
                current = i + 1;
                if (request.Verbose)
                {
                    context.Out.WriteLine($"sent {client.Describe(target, plan.Steps[i])}: {Phrase(outcome)}");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KnockException ex)
        {
            context.Error.WriteLine($"sesame knock: knock {current + 1} ({plan.Steps[current]}): {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (SocketException ex)
        {
            context.Error.WriteLine($"sesame knock: knock {current + 1} ({plan.Steps[current]}) failed: {ex.Message}");
            return ExitCodes.Failed;
        }

        return await WaitThenAsync(target, plan.WaitPort, plan.WaitTimeout, plan.Then, plan.Settings, request.Verbose, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the knocks: <c>--wait</c> for the port (exit 3 when it stays closed), then <c>--then</c>'s command.</summary>
    internal static async Task<int> WaitThenAsync(IPAddress target, int? waitPort, TimeSpan waitTimeout, IReadOnlyList<string>? then, KnockSettings settings, bool verbose, CliContext context, CancellationToken cancellationToken)
    {
        if (waitPort is int port)
        {
            var endpoint = new IPEndPoint(target, port);
            bool open;
            try
            {
                open = await new PortWaiter(settings, TimeProvider.System).WaitOpenAsync(endpoint, waitTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (KnockException ex)
            {
                context.Error.WriteLine($"sesame knock: --wait: {ex.Message}");
                return ExitCodes.Failed;
            }

            if (!open)
            {
                context.Error.WriteLine($"sesame knock: port {port}/tcp on {target} stayed closed for {waitTimeout.TotalMilliseconds:0} ms after the knock");
                return ExitCodes.WaitClosed;
            }

            if (verbose)
            {
                context.Out.WriteLine($"port {port}/tcp on {target} is open");
            }
        }

        return then is { } argv ? RunThen(argv, context) : ExitCodes.Ok;
    }

    private static int RunThen(IReadOnlyList<string> argv, CliContext context)
    {
        var start = new ProcessStartInfo(argv[0], argv.Skip(1)) { UseShellExecute = false };
        try
        {
            using Process process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception ex)
        {
            context.Error.WriteLine($"sesame knock: --then: cannot run '{argv[0]}': {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static void PrintPlan(KnockPlan plan, KnockClient client, IPAddress target, TextWriter output)
    {
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            if (i > 0 && plan.Settings.Delay > TimeSpan.Zero)
            {
                output.WriteLine($"wait {plan.Settings.Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
            }

            output.WriteLine(client.Describe(target, plan.Steps[i]));
        }

        if (plan.WaitPort is int port)
        {
            output.WriteLine($"then wait up to {plan.WaitTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms for {(target.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target}]" : target)}:{port}/tcp to accept");
        }

        if (plan.Then is { } argv)
        {
            output.WriteLine($"then run: {string.Join(' ', argv.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))}");
        }
    }

    private static string Phrase(KnockOutcome outcome) => outcome switch
    {
        KnockOutcome.Open => "port open (connected)",
        KnockOutcome.Refused => "refused (reset)",
        KnockOutcome.NoAnswer => "no answer",
        _ => "sent",
    };
}
