using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Sesame.Linux.Control;
using Sesame.Scripting;

namespace Sesame.Tests.Control;

/// <summary>The control socket in this process, with a fake daemon behind it: no root, no kernel.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ControlServerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sesame-ctl-test-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _errors = new();

    private string SocketPath => Path.Combine(_directory, "control.sock");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Run_ThroughTheClient_LinesAsTheyComeThenTheResult()
    {
        var handler = new FakeHandler((script, log, done, _) =>
        {
            log.Write(new ScriptLogEntry(DateTimeOffset.UnixEpoch, "info", script, "one"));
            log.Write(new ScriptLogEntry(DateTimeOffset.UnixEpoch, "put", script, "two\u001b"));
            done(new ScriptRunResult(false, "script s: line 2: bad", 2));
        });
        using ControlServer server = Open(handler);
        server.Start();
        var lines = new List<ScriptLogEntry>();

        using ControlClient client = ControlClient.TryConnect(SocketPath) ?? throw new Xunit.Sdk.XunitException("no daemon");
        ScriptRunResult result = client.Run("s", new Lines(lines));

        Assert.Equal(new ScriptRunResult(false, "script s: line 2: bad", 2), result);
        Assert.Equal(["info s one", "put s two\u001b"], lines.Select(l => $"{l.Topic} {l.Script} {l.Message}"));
        Assert.Equal(PeerCredentials.OwnUid, Assert.Single(handler.Peers).Uid);
        Assert.Equal(Environment.ProcessId, handler.Peers.Single().Pid);
    }

    [Fact]
    public void Connect_PeerNotAdmitted_PermissionDeniedAndTheHandlerIsNeverAsked()
    {
        var handler = new FakeHandler((_, _, done, _) => done(new ScriptRunResult(true, null, 1)));
        using ControlServer server = Open(handler, admits: _ => false);
        server.Start();

        using ControlClient client = ControlClient.TryConnect(SocketPath)!;
        ControlException refused = Assert.Throws<ControlException>(() => client.Run("s", new Lines([])));

        Assert.Equal($"permission denied: uid {PeerCredentials.OwnUid} may not use the control socket (root only)", refused.Message);
        Assert.Empty(handler.Peers);
        Assert.True(SpinWait.SpinUntil(() => _errors.Any(e => e.StartsWith($"stage=refused uid={PeerCredentials.OwnUid} ", StringComparison.Ordinal)), 2000));
    }

    [Theory]
    [InlineData(0u, 1000u, true)]
    [InlineData(1000u, 1000u, true)]
    [InlineData(65534u, 0u, false)]
    [InlineData(1000u, 0u, false)]
    [InlineData(1001u, 1000u, false)]
    public void IsAdmitted_RootOrTheDaemonsUserOnly(uint peer, uint own, bool admitted)
    {
        Assert.Equal(admitted, PeerCredentials.IsAdmitted(new PeerCredentials(1, peer, peer), own));
    }

    [Fact]
    public void Run_ClientHangsUp_TheRunIsCancelled()
    {
        var cancelled = new ManualResetEventSlim();
        var handler = new FakeHandler((_, _, _, token) => token.Register(cancelled.Set));
        using ControlServer server = Open(handler);
        server.Start();

        using (Socket socket = Connect())
        {
            socket.Send(ControlProtocol.RunRequest("s"));
            Assert.True(SpinWait.SpinUntil(() => !handler.Peers.IsEmpty, 2000));
        }

        Assert.True(cancelled.Wait(TimeSpan.FromSeconds(3)));
        Assert.True(SpinWait.SpinUntil(() => server.Active == 0, 2000));
    }

    [Fact]
    public void Open_PathOfALiveServer_Refused_StaleFileReplaced()
    {
        var handler = new FakeHandler((_, _, done, _) => done(new ScriptRunResult(true, null, 1)));
        using (ControlServer first = Open(handler))
        {
            ControlException e = Assert.Throws<ControlException>(() => Open(handler));
            Assert.Contains("another sesame serve", e.Message, StringComparison.Ordinal);
        }

        // A socket file nobody listens on (its daemon was killed): replaced.
        LeaveStaleSocket(SocketPath);

        Assert.True(File.Exists(SocketPath));
        using ControlServer second = Open(handler);
        second.Start();
        using ControlClient client = ControlClient.TryConnect(SocketPath)!;
        Assert.True(client.Run("s", new Lines([])).Succeeded);
    }

    [Fact]
    public void TryConnect_NoSocketOrNobodyListening_Null()
    {
        Assert.Null(ControlClient.TryConnect(SocketPath));
        Directory.CreateDirectory(_directory);
        LeaveStaleSocket(SocketPath);

        Assert.Null(ControlClient.TryConnect(SocketPath));
    }

    [Fact]
    public void Open_DirectoryWritableByOthers_Refused()
    {
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_111_111);

        ControlException e = Assert.Throws<ControlException>(() => Open(new FakeHandler((_, _, _, _) => { })));

        Assert.Contains("writable by others", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_BadRequests_ErrorLineThenClosed_ServerGoesOn()
    {
        var handler = new FakeHandler((_, _, done, _) => done(new ScriptRunResult(true, null, 1)));
        using ControlServer server = Open(handler);
        server.Start();

        Assert.Contains("not a JSON object", Exchange("\u0000\u001b\n"), StringComparison.Ordinal);
        Assert.Contains("unknown verb 'frobnicate'", Exchange("{\"verb\":\"frobnicate\"}\n"), StringComparison.Ordinal);
        Assert.Contains("this daemon does not answer status", Exchange("{\"verb\":\"status\"}\n"), StringComparison.Ordinal);
        Assert.Contains("longer than 4096 bytes", Exchange(new string('{', 5000)), StringComparison.Ordinal);
        Assert.Empty(handler.Peers);
        using ControlClient client = ControlClient.TryConnect(SocketPath)!;
        Assert.True(client.Run("s", new Lines([])).Succeeded);
    }

    private ControlServer Open(FakeHandler handler, Func<PeerCredentials, bool>? admits = null) =>
        ControlServer.Open(SocketPath, handler, (ControlError e) => _errors.Enqueue(e.ToString()), admits: admits);

    /// <summary>A socket file nobody listens on, as a killed daemon leaves it (.NET's Socket removes the file it bound; python does not).</summary>
    private static void LeaveStaleSocket(string path)
    {
        Assert.True(File.Exists("/usr/bin/python3"), "needs python3");
        using var python = System.Diagnostics.Process.Start("/usr/bin/python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path]);
        Assert.True(python.WaitForExit(10_000));
        Assert.True(File.Exists(path));
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        return socket;
    }

    private string Exchange(string request)
    {
        using Socket socket = Connect();
        socket.Send(Encoding.UTF8.GetBytes(request));
        var text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (socket.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead))
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

    private sealed class FakeHandler(Action<string, IScriptLog, Action<ScriptRunResult>, CancellationToken> run) : IControlHandler
    {
        public ConcurrentQueue<PeerCredentials> Peers { get; } = new();

        public string? StartRun(string script, PeerCredentials peer, IScriptLog listener, Action<ScriptRunResult> completed, CancellationToken cancellation)
        {
            Peers.Enqueue(peer);
            ThreadPool.QueueUserWorkItem(_ => run(script, listener, completed, cancellation));
            return null;
        }
    }

    private sealed class Lines(List<ScriptLogEntry> lines) : IScriptLog
    {
        public void Write(ScriptLogEntry entry) => lines.Add(entry);
    }
}
