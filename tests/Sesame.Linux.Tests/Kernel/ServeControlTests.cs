using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Sesame.Linux.Daemon;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;
using Xunit.Abstractions;

namespace Sesame.Tests.Kernel;

/// <summary>
/// <c>sesame run</c> through a real <c>sesame serve</c>'s control socket, in network namespaces: the run happens on the
/// daemon's script worker (filter switches the guard keeps, list changes in the daemon's log), only root may ask, and
/// hostile clients cannot disturb the daemon.
/// </summary>
public sealed class ServeControlTests(ITestOutputHelper output)
{
    private const string Seed = "004-manual-new.rsc";

    /// <summary>A door on port 22 behind one knock on 888, a drop for ssh, a disabled drop for telnet, a script that swaps them.</summary>
    private const string Switch = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp
        add action=accept chain=input dst-port=22 protocol=tcp src-address-list=knock1
        add action=drop chain=input dst-port=22 protocol=tcp comment=ssh-drop
        add action=drop chain=input dst-port=23 protocol=tcp comment=telnet-drop disabled=yes
        /system script add name=switch source={
            /ip firewall filter disable [/ip firewall filter find comment=ssh-drop]
            /ip firewall filter enable [/ip firewall filter find comment=telnet-drop]
            /ip firewall address-list add list=knock1 address=192.0.2.77 timeout=1h comment=switched
            :put "switched"
        }
        /system script add name=hello source={ :log info "hello"; :put "world" }
        """;

    [RootFact]
    public void Run_ThroughDaemon_ScriptSwitchesRules_KernelChangesTheGuardKeepsItAndTheDaemonLogs()
    {
        using var ns = new NetNs();
        using var file = new TempConfig(Switch);
        using Socket ssh = ns.Listen(22);
        using Socket telnet = ns.Listen(23);
        using SesameProcess daemon = SesameProcess.StartServe(ns, file.Path);
        Assert.True(daemon.WaitForOutput("sesame event=scripts scripts=2 schedulers=0"), daemon.Output);
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));
        Assert.True(ns.TryConnect(ns.ServerV4, 23, 41001, timeoutMs: 1000));

        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "run", "switch", "--control", daemon.ControlPath!);

        Assert.True(exit == 0, stderr + daemon.Output);
        Assert.Equal("switched", stdout.Trim());
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41002, timeoutMs: 1000));
        Assert.False(ns.TryConnect(ns.ServerV4, 23, 41003));
        FilterRule[] rules = [.. Configs.Parse(Switch).Ipv4Filter];
        rules[2] = rules[2] with { Disabled = true };
        rules[3] = rules[3] with { Disabled = false };
        Assert.Empty(Differences(ns, Configs.Parse(Switch) with { Ipv4Filter = EquatableArray.Create<FilterRule>(rules) }));
        Assert.True(daemon.WaitForOutput("sesame event=grant list=knock1 src=192.0.2.77 timeout=1h family=ip via=script script=switch"), daemon.Output);
        Assert.Contains("sesame event=script-run script=switch via=control uid=0 pid=", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("sesame event=script-log script=switch topic=put message=\"switched\"", daemon.Output, StringComparison.Ordinal);
        Thread.Sleep(1500);
        Assert.DoesNotContain("event=tampered", daemon.Output, StringComparison.Ordinal);
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41004, timeoutMs: 1000));
    }

    [RootFact]
    public void Run_CheckAndGrantThroughDaemon_KernelEntriesWithCommentAndTheDaemonLogsTheGrants()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        Peers.Knock(ns, ns.ServerV4, 888, 555);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "knock2", ns.ClientV4)));

        // No --config: the daemon runs its own configuration's script.
        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "run", "check-and-grant", "--control", daemon.ControlPath!, "--config", "/nonexistent.rsc");

        Assert.True(exit == 0, stderr);
        Assert.Equal($"info: Port knock: granted access to {ns.ClientV4}", stdout.Trim());
        Assert.Contains(Kernel.Lists(ns), e => e.List == "secured" && e.Address == IpRange.Host(ns.ClientV4) && e.Timeout == TimeSpan.FromMinutes(30));
        Assert.Contains("\"comment\": \"granted-by-script\"", NftShell.Must(ns.Server, "-j", "list", "set", "inet", "sesame", "v4_secured"), StringComparison.Ordinal);
        Assert.False(Kernel.InList(ns, "knock2", ns.ClientV4));
        Assert.True(daemon.WaitForOutput($"sesame event=grant list=secured src={ns.ClientV4} timeout=30m family=ip via=script script=check-and-grant"), daemon.Output);
        // The console logger writes on its own thread: each line is waited for, not assumed written with the one before.
        Assert.True(daemon.WaitForOutput($"sesame event=remove role=stage list=knock2 src={ns.ClientV4} family=ip via=script script=check-and-grant"), daemon.Output);
        Assert.True(daemon.WaitForOutput($"sesame event=script-log script=check-and-grant topic=info message=\"Port knock: granted access to {ns.ClientV4}\""), daemon.Output);
    }

    [RootFact]
    public void Run_ThroughDaemon_UnknownScriptAndFailingScript_ExitOneWithTheDaemonsMessage()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Switch + "\n" + """
            /system script add name=broken source={ :put "before"; :error "bad thing" }
            """);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);

        (int noScript, _, string noScriptError) = SesameProcess.Run(ns.Server, "run", "nope\u001b[2J", "--control", daemon.ControlPath!);
        (int broken, string brokenOut, string brokenError) = SesameProcess.Run(ns.Server, "run", "broken", "--control", daemon.ControlPath!);

        Assert.Equal(1, noScript);
        Assert.Contains("the running configuration has no script 'nope\\x1B[2J' (it has: switch, hello, broken)", noScriptError, StringComparison.Ordinal);
        Assert.Equal(1, broken);
        Assert.Equal("before", brokenOut.Trim());
        Assert.Contains("sesame: script broken failed: ", brokenError, StringComparison.Ordinal);
        Assert.Contains("bad thing", brokenError, StringComparison.Ordinal);
        Assert.True(daemon.WaitForOutput("sesame event=script-error script=broken"), daemon.Output);
        Assert.False(daemon.HasExited);
    }

    [RootFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Serve_SocketFileAndDirectory_OwnerOnly_AndNobodyIsRefused()
    {
        string? python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null; // not a per-user shim: nobody runs it
        Assert.True(python is not null && File.Exists("/usr/bin/setpriv"), "needs python3 and setpriv");
        using var ns = new NetNs();
        using var config = new TempConfig(Switch);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        string path = daemon.ControlPath!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));

        // As the file stands, nobody cannot even connect.
        string denied = AsNobody(python!, path);
        Assert.Contains("PermissionError", denied, StringComparison.Ordinal);

        // A socket made world-usable by mistake still admits only root: the daemon checks SO_PEERCRED.
        File.SetUnixFileMode(Path.GetDirectoryName(path)!, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        string refused = AsNobody(python!, path);
        Assert.Contains("\"type\":\"error\"", refused, StringComparison.Ordinal);
        Assert.Contains("permission denied: uid 65534", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", refused, StringComparison.Ordinal);
        Assert.True(daemon.WaitForOutput("sesame event=control-error stage=refused uid=65534"), daemon.Output);
        Assert.DoesNotContain("event=script-run", daemon.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_HostileClients_RefusedWithAnErrorLine_DaemonKeepsServingKnocksAndRuns()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Switch);
        using Socket service = ns.Listen(22);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        string path = daemon.ControlPath!;

        Assert.Contains("not a JSON object", Exchange(path, "garbage\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("not UTF-8 text", Exchange(path, [0x00, 0x1b, 0xff, 0xfe, (byte)'\n']), StringComparison.Ordinal);
        Assert.Contains("unknown verb 'explode'", Exchange(path, "{\"verb\":\"explode\"}\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("run needs a \"script\" name", Exchange(path, "{\"verb\":\"run\",\"script\":7}\n"u8.ToArray()), StringComparison.Ordinal);
        foreach (string name in (string[])["a\nb", "a\u0000b", "\u001b[2J", "hello\n{\"verb\":\"run\"}", "\"; rm -rf /"])
        {
            string reply = Exchange(path, Sesame.Linux.Control.ControlProtocol.RunRequest(name));
            Assert.StartsWith($"the running configuration has no script '{name}' (it has: switch, hello)", reply, StringComparison.Ordinal);
        }

        // A megabyte without a newline: refused after 4 KiB.
        string big = Exchange(path, Encoding.ASCII.GetBytes(new string('x', 1 << 20)), tolerateReset: true);
        Assert.True(big.Length == 0 || big.Contains("longer than 4096 bytes", StringComparison.Ordinal), big);

        // Slow clients (a byte a second) are cut off after 5 s; while they hang on, others are served up to the cap.
        var clock = Stopwatch.StartNew();
        var slow = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Slowloris(path))).ToArray();
        Thread.Sleep(500);
        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "run", "hello", "--control", path);
        Assert.True(exit == 0, stderr);
        Assert.Equal("info: hello\nworld", stdout.Trim().Replace("\r", "", StringComparison.Ordinal));
        Assert.True(Task.WaitAll(slow, TimeSpan.FromSeconds(15)));
        Assert.All(slow, t => Assert.Contains("no whole request line within 5 s", t.Result, StringComparison.Ordinal));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(12));

        // More idle connections than the cap: the extra ones are told the daemon is busy.
        var idle = Enumerable.Range(0, 6).Select(_ => Connect(path)).ToList();
        try
        {
            Thread.Sleep(300);
            int busy = idle.Count(s => s.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead) && Read(s).Contains("try again", StringComparison.Ordinal));
            Assert.Equal(2, busy);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }

        Assert.False(daemon.HasExited);
        ns.TryConnect(ns.ServerV4, 888, 41000);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "knock1", ns.ClientV4)), daemon.Output);
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000));
        Assert.True(Kernel.WaitFor(() => SesameProcess.Run(ns.Server, "run", "hello", "--control", path).ExitCode == 0, TimeSpan.FromSeconds(10)));
        output.WriteLine(daemon.Output);
    }

    [RootFact]
    public void Serve_SecondDaemonOnTheSameControlPath_FailsClearlyAndAppliesNothing()
    {
        using var first = new NetNs();
        using var second = new NetNs();
        using var config = new TempConfig(Switch);
        using SesameProcess daemon = SesameProcess.StartServe(first, config.Path);

        (int exit, _, string error) = SesameProcess.Run(second.Server, "serve", config.Path, "--control", daemon.ControlPath!);

        Assert.Equal(1, exit);
        Assert.Contains("another sesame serve", error, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", error, StringComparison.Ordinal);
        Assert.Null(NftShell.Structure(second.Server));
        Assert.True(File.Exists(daemon.ControlPath));
        Assert.Equal(0, SesameProcess.Run(first.Server, "run", "hello", "--control", daemon.ControlPath!).ExitCode);
    }

    [RootFact]
    public void Serve_StaleSocketFileOfAKilledDaemon_IsReplaced()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Switch);
        string directory = Path.Combine(Path.GetTempPath(), $"sesame-ctl-{Guid.NewGuid():N}");
        string path = Path.Combine(directory, "control.sock");
        try
        {
            using (SesameProcess killed = SesameProcess.StartServe(ns, config.Path, "--control", path))
            {
                killed.Signal(Libc.SIGKILL);
                Assert.True(killed.WaitForExit(TimeSpan.FromSeconds(10)));
            }

            Assert.True(File.Exists(path), "kill -9 leaves the socket file");
            using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--control", path);
            (int exit, string stdout, _) = SesameProcess.Run(ns.Server, "run", "hello", "--control", path);
            Assert.Equal(0, exit);
            Assert.Contains("world", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The figure: the seed's grant script over 10,000 knock2 entries, asked of the daemon by sesame run.</summary>
    [RootFact]
    public void Run_SeedGrantScriptThroughDaemonOverTenThousandEntries_AllMovedAllLoggedAndPrinted()
    {
        const int count = 10_000;
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        ns.InServer(() =>
        {
            using var nft = new NftContext();
            foreach (int[] chunk in Enumerable.Range(0, count).Chunk(1000))
            {
                nft.Run($"add element inet sesame v4_knock2 {{ {string.Join(", ", chunk.Select(i => $"10.{i >> 16}.{(i >> 8) & 255}.{i & 255} timeout 10m"))} }}");
            }

            return 0;
        });

        var clock = Stopwatch.StartNew();
        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "run", "check-and-grant", "--control", daemon.ControlPath!);
        clock.Stop();

        Assert.True(exit == 0, stderr);
        Assert.Equal(count, stdout.Split('\n').Count(l => l.StartsWith("info: Port knock: granted access to 10.", StringComparison.Ordinal)));
        IReadOnlyList<NftAddressListElement> lists = Kernel.Lists(ns);
        Assert.Equal(count, lists.Count(e => e.List == "secured" && e.Timeout == TimeSpan.FromMinutes(30)));
        Assert.DoesNotContain(lists, e => e.List == "knock2");
        Assert.True(Kernel.WaitFor(() => Count(daemon.Output, "sesame event=grant list=secured src=10.") == count, TimeSpan.FromSeconds(30)), Count(daemon.Output, "event=grant").ToString());
        output.WriteLine($"sesame run check-and-grant through the daemon over {count} kernel entries: {clock.Elapsed.TotalMilliseconds:0} ms (process start to exit)");
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string AsNobody(string python, string path)
    {
        const string Client = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(10)
            try:
                s.connect(sys.argv[1])
                s.sendall(b'{"verb":"run","script":"hello"}\n')
                data = b''
                while True:
                    chunk = s.recv(4096)
                    if not chunk: break
                    data += chunk
                print(data.decode())
            except Exception as e:
                print(type(e).__name__, e)
            """;
        ProcessResult result = ProcessRunner.Run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", python, "-c", Client, path], TimeSpan.FromSeconds(20));
        return result.Out + result.Err;
    }

    private static Socket Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> and reads until the daemon closes (at most 10 s).</summary>
    private static string Exchange(string path, byte[] request, bool tolerateReset = false)
    {
        using Socket socket = Connect(path);
        try
        {
            socket.SendTimeout = 10_000;
            socket.Send(request);
            return Messages(Read(socket));
        }
        catch (SocketException) when (tolerateReset)
        {
            return "";
        }
    }

    /// <summary>The <c>message</c> of each reply line, one a line.</summary>
    private static string Messages(string replies) => string.Join('\n', replies.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("message").GetString()));

    private static string Read(Socket socket)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[4096];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && socket.Poll(TimeSpan.FromSeconds(10), SelectMode.SelectRead))
        {
            int received = socket.Receive(buffer);
            if (received == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, received));
        }

        return text.ToString();
    }

    /// <summary>A byte a second, never a newline, for at most 10 s; what the daemon answered.</summary>
    private static string Slowloris(string path)
    {
        using Socket socket = Connect(path);
        for (int i = 0; i < 10; i++)
        {
            try
            {
                socket.Send("{"u8);
            }
            catch (SocketException)
            {
                break;
            }

            if (socket.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead))
            {
                break;
            }
        }

        return Messages(Read(socket));
    }

    private static IReadOnlyList<string> Differences(NetNs ns, FirewallConfig config)
    {
        var options = new DaemonOptions();
        NftCompilation compilation = NftCompiler.Compile(config, new NftCompilerOptions
        {
            NflogGroup = options.NflogGroup,
            ReportRate = options.ReportRate,
            AddressListSize = options.SetSize,
        });
        return NftRulesetVerifier.Compare(compilation.Ruleset, NftShell.Must(ns.Server, "-j", "-t", "list", "ruleset"));
    }
}
