namespace Sesame.Tests.Commands;

/// <summary>
/// <c>sesame run</c>'s checks before the kernel: these runs never reach a table (the runs against one are tested as root,
/// in network namespaces, in Sesame.Linux.Tests).
/// </summary>
public sealed class RunCommandTests
{
    private const string Config = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp
        /system script add name=grant source={ :log info "hi" }
        """;

    /// <summary>No daemon answers here: the runs are direct (whatever runs on this machine's default socket).</summary>
    private const string NoDaemon = "/nonexistent/sesame-control.sock";

    [Fact]
    public void Run_NoScriptName_UsageError()
    {
        CliRun run = CliRun.Of("run");

        Assert.Equal(2, run.Exit);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_ScriptNotInTheConfiguration_ExitOneNamingTheScripts()
    {
        using var config = new TempFile("door.rsc", Config);

        CliRun run = CliRun.Of("run", "--control", NoDaemon, "grnat", "--config", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains("has no script 'grnat' (it has: grant)", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_HostileScriptName_EscapedInTheMessage()
    {
        using var config = new TempFile("door.rsc", Config);

        CliRun run = CliRun.Of("run", "--control", NoDaemon, "x\u001b[2J\ny", "--config", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.DoesNotContain('\u001b', run.Err);
        Assert.True(run.Err.Contains("has no script 'x\\x1B[2J\\ny'", StringComparison.Ordinal), run.Err);
    }

    [Fact]
    public void Run_ConfigurationMissing_ExitOneNamingIt()
    {
        CliRun run = CliRun.Of("run", "--control", NoDaemon, "grant", "--config", "/nonexistent/sesame.rsc");

        Assert.Equal(1, run.Exit);
        Assert.Contains("/nonexistent/sesame.rsc", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_ConfigurationWithErrors_RefusedBeforeTheKernel()
    {
        using var config = new TempFile("bad.rsc", Config + "/ip firewall filter add chain=input action=frobnicate\n");

        CliRun run = CliRun.Of("run", "--control", NoDaemon, "grant", "--config", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains("has errors; nothing was run", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DaemonAnswers_ItsLinesPrintedAsADirectRunPrintsThem_ExitZero_ConfigNotRead()
    {
        using var daemon = new FakeDaemon(
            "{\"type\":\"log\",\"topic\":\"info\",\"script\":\"grant\",\"message\":\"granted \\u001b[2J\"}",
            "{\"type\":\"log\",\"topic\":\"put\",\"script\":\"grant\",\"message\":\"3\"}",
            "{\"type\":\"result\",\"ok\":true,\"statements\":9}");

        CliRun run = CliRun.Of("run", "gr\nant", "--control", daemon.Path, "--config", "/nonexistent/sesame.rsc");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("info: granted \\x1B[2J\n3\n", run.Out.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal("", run.Err);
        Assert.Equal("{\"verb\":\"run\",\"script\":\"gr\\nant\"}", daemon.Request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/tmp/a\u0000b")]
    [InlineData("/tmp/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/c.sock")]
    public void Run_ControlPathNotASocketPath_ExitOneNoStackTrace(string path)
    {
        CliRun run = CliRun.Of("run", "grant", "--control", path);

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("sesame: control socket ", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
        Assert.DoesNotContain('\0', run.Err);
    }

    [Fact]
    public void Run_DaemonRunFails_ExitOneWithTheScriptsError()
    {
        using var daemon = new FakeDaemon(
            "{\"type\":\"log\",\"topic\":\"script,error\",\"script\":\"grant\",\"message\":\"script grant: line 2 column 5: no such item\"}",
            "{\"type\":\"result\",\"ok\":false,\"error\":\"script grant: line 2 column 5: no such item\",\"statements\":2}");

        CliRun run = CliRun.Of("run", "grant", "--control", daemon.Path);

        Assert.Equal(1, run.Exit);
        Assert.Equal("sesame: script grant failed: script grant: line 2 column 5: no such item", run.Err.Trim());
    }

    [Fact]
    public void Run_DaemonRefuses_ExitOneWithItsMessageEscaped()
    {
        using var daemon = new FakeDaemon("{\"type\":\"error\",\"message\":\"the running configuration has no script 'x\\u001b'\"}");

        CliRun run = CliRun.Of("run", "x\u001b", "--control", daemon.Path);

        Assert.Equal(1, run.Exit);
        Assert.Equal("sesame: the running configuration has no script 'x\\x1B'", run.Err.Trim());
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Run_DaemonHangsUpOrTalksNonsense_ExitOneNoStackTrace()
    {
        using (var silent = new FakeDaemon())
        {
            CliRun run = CliRun.Of("run", "grant", "--control", silent.Path);
            Assert.Equal(1, run.Exit);
            Assert.Contains("closed the connection before the run's result", run.Err, StringComparison.Ordinal);
            Assert.True(run.HasNoStackTrace, run.Err);
        }

        using var nonsense = new FakeDaemon("HTTP/1.1 200 OK");
        CliRun garbled = CliRun.Of("run", "grant", "--control", nonsense.Path);
        Assert.Equal(1, garbled.Exit);
        Assert.Contains("not of this protocol", garbled.Err, StringComparison.Ordinal);
    }

    /// <summary>A daemon of this process's user on a socket in a temporary folder: reads one request line, sends the given lines, closes.</summary>
    private sealed class FakeDaemon : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("sesame-ctl-").FullName;
        private readonly System.Net.Sockets.Socket _listener = new(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        private readonly Thread _thread;

        public FakeDaemon(params string[] replies)
        {
            Path = System.IO.Path.Combine(_dir, "control.sock");
            _listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path));
            _listener.Listen(1);
            _thread = new Thread(() =>
            {
                if (!_listener.Poll(TimeSpan.FromSeconds(10), System.Net.Sockets.SelectMode.SelectRead))
                {
                    return;
                }

                using System.Net.Sockets.Socket client = _listener.Accept();
                var request = new List<byte>();
                byte[] one = new byte[1];
                while (request.Count < 4096 && client.Poll(TimeSpan.FromSeconds(5), System.Net.Sockets.SelectMode.SelectRead) && client.Receive(one) == 1 && one[0] != (byte)'\n')
                {
                    request.Add(one[0]);
                }

                Request = System.Text.Encoding.UTF8.GetString([.. request]);
                foreach (string reply in replies)
                {
                    client.Send(System.Text.Encoding.UTF8.GetBytes(reply + "\n"));
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public string Path { get; }

        public string? Request { get; private set; }

        public void Dispose()
        {
            _thread.Join(TimeSpan.FromSeconds(10));
            _listener.Dispose();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
