using System.Globalization;

namespace Sesame.Cli.Demo;

/// <summary>The demo's steps, each bounded in time, and its cleanup.</summary>
internal sealed class DemoRun(TextWriter output, CancellationToken cancel)
{
    private const int Steps = 7;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    // A line-oriented TCP service: greets each connection, as an SSH server would. perl is part of every Debian system.
    private const string ServiceScript =
        "use IO::Socket::INET; my $s = IO::Socket::INET->new(LocalPort => $ARGV[0], Listen => 16, ReuseAddr => 1) or die \"listen: $!\\n\"; " +
        "$| = 1; print \"listening\\n\"; while (my $c = $s->accept) { print $c \"SSH-2.0-sesame-demo\\r\\n\"; close $c; }";

    // Connects with a one-second limit; prints the greeting and exits 0, or exits 1 when nothing answers.
    private const string ProbeScript =
        "use IO::Socket::INET; my $c = IO::Socket::INET->new(PeerAddr => $ARGV[0], PeerPort => $ARGV[1], Timeout => 1) or exit 1; " +
        "my $l = <$c>; print $l // ''; exit 0;";

    private readonly DemoNetwork _network = new();
    private readonly List<ChildProcess> _background = [];
    private string? _configDir;
    private ChildProcess? _serve;
    private int _step;

    public void Play()
    {
        string[] self = SelfCommand.Prefix();
        output.WriteLine("Sesame demo: a router protected by 'sesame serve' and a client, in two network namespaces.");

        Step($"network: router {_network.Router} (ether1 {_network.RouterV4}) <-veth-> client {_network.Client} ({_network.ClientV4})");
        _network.Create();

        Step($"service: a TCP service on the router's port {DemoConfig.ServicePort}");
        ChildProcess service = Background(_network.Start(_network.Router, null, "perl", "-e", ServiceScript, Port(DemoConfig.ServicePort)));
        WaitFor(() => service.Output.Contains("listening", StringComparison.Ordinal) || service.HasExited, "the service to listen");
        if (service.HasExited)
        {
            throw new DemoException($"the service did not start: {service.Output.Trim()}");
        }

        Step("sesame serve: the seeds' three-knock door (888 -> 555 -> 222, then 30 min of access) on the router");
        _configDir = Directory.CreateTempSubdirectory("sesame-demo-").FullName;
        string config = Path.Combine(_configDir, "door.rsc");
        File.WriteAllText(config, DemoConfig.Script);
        using (var notify = new NotifySocket())
        {
            _serve = Background(_network.Start(_network.Router, new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path },
                [.. self, "serve", config, "--remove-on-exit"]));
            if (!notify.WaitForReady(StepTimeout, () => !_serve.HasExited))
            {
                throw new DemoException($"sesame serve did not become ready: {_serve.Output.Trim()}");
            }
        }

        output.WriteLine("        ready (it told us READY=1, as it tells systemd)");
        Step($"the client tries {_network.RouterV4}:{DemoConfig.ServicePort}");
        Report(Probe(), expectOpen: false);

        string[] knocks = [.. DemoConfig.Knocks.Select(Port)];
        Step($"the client knocks: sesame knock {_network.RouterV4} {string.Join(' ', knocks)}");
        (int exit, string knockOutput) = _network.Run(_network.Client, StepTimeout, [.. self, "knock", _network.RouterV4, .. knocks, "-v"]);
        Indent(knockOutput);
        if (exit != 0)
        {
            throw new DemoException($"sesame knock exited with {exit}");
        }

        Step($"the client tries {_network.RouterV4}:{DemoConfig.ServicePort} again");
        Report(Probe(), expectOpen: true);

        Step("the router's address lists and rule counters (sesame print lists, sesame print rules)");
        Indent(_network.Run(_network.Router, StepTimeout, [.. self, "print", "lists"]).Output);
        Indent(_network.Run(_network.Router, StepTimeout, [.. self, "print", "rules", "--config", config]).Output);
    }

    public void CleanUp()
    {
        _serve?.Stop(TimeSpan.FromSeconds(5));
        foreach (ChildProcess process in _background)
        {
            process.Dispose();
        }

        _network.Dispose();
        if (_configDir is not null)
        {
            Directory.Delete(_configDir, recursive: true);
        }

        output.WriteLine("cleaned up: sesame serve stopped (its table removed), the service stopped, both namespaces deleted");
    }

    private (bool Open, string Greeting) Probe()
    {
        (int exit, string text) = _network.Run(_network.Client, TimeSpan.FromSeconds(5), "perl", "-e", ProbeScript, _network.RouterV4, Port(DemoConfig.ServicePort));
        return (exit == 0, text.Trim());
    }

    private void Report((bool Open, string Greeting) probe, bool expectOpen)
    {
        output.WriteLine(probe.Open ? $"        open: {probe.Greeting}" : "        closed: no answer (the router drops it)");
        if (probe.Open != expectOpen)
        {
            throw new DemoException(expectOpen ? "the port stayed closed after the knock" : "the port was open before any knock");
        }
    }

    private void Step(string text)
    {
        cancel.ThrowIfCancellationRequested();
        _step++;
        output.WriteLine($"[{_step}/{Steps}] {text}");
    }

    private ChildProcess Background(ChildProcess process)
    {
        _background.Add(process);
        return process;
    }

    private void WaitFor(Func<bool> condition, string what)
    {
        DateTime end = DateTime.UtcNow + StepTimeout;
        while (!condition())
        {
            cancel.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > end)
            {
                throw new DemoException($"gave up waiting for {what}");
            }

            Thread.Sleep(50);
        }
    }

    private void Indent(string text)
    {
        foreach (string line in text.TrimEnd().Split('\n'))
        {
            output.WriteLine($"        {line.TrimEnd()}");
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
