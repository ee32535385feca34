using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sesame.Spa;

namespace Sesame.Tests.Kernel;

/// <summary>
/// An SPA door served by the real <c>sesame serve</c> in a <see cref="NetNs"/>: a door profile (door <c>admin</c>, SPA
/// port 62201 on ether1, ports tcp/22 and tcp/2222, user <c>alice</c> allowed tcp/22 only) with its key file (0600), a
/// state directory of its own, and the stock <c>fwknop</c> client in the client namespace with a scratch HOME. Everything
/// it made is deleted on dispose, the daemon stopped by its PID.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class SpaRig : IDisposable
{
    public const int SpaPort = 62201;

    public const string SshList = "admin-spa-tcp22";

    private readonly string _directory;

    public SpaRig(bool allowAddress = false)
    {
        Ns = new NetNs();
        _directory = Path.Combine(Path.GetTempPath(), $"sesame-spa-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        StateDirectory = Path.Combine(_directory, "state");
        Home = Path.Combine(_directory, "home");
        Directory.CreateDirectory(Home);
        Keys = SpaKeys.Generate();
        string keyFile = Path.Combine(_directory, "alice.keys");
        File.WriteAllText(keyFile, $"KEY_BASE64: {Convert.ToBase64String(Keys.EncryptionKey)}\nHMAC_KEY_BASE64: {Convert.ToBase64String(Keys.HmacKey)}\n");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ProfilePath = Path.Combine(_directory, "door.yaml");
        File.WriteAllText(ProfilePath, $"""
            interfaces:
              outside: [ether1]
            doors:
              - name: admin
                open: [22, 2222]
                open_for: 30s
                spa:
                  port: {SpaPort}
                  allow_address: {(allowAddress ? "true" : "false")}
                  users:
                    - name: alice
                      source: any
                      keys: alice.keys
                      open: [22]
            """);
    }

    public static bool HaveFwknop => File.Exists("/usr/bin/fwknop");

    public NetNs Ns { get; }

    public SpaKeys Keys { get; }

    public string ProfilePath { get; }

    public string StateDirectory { get; }

    public string Home { get; }

    public SesameProcess? Daemon { get; private set; }

    public SesameProcess Serve(params string[] extra)
    {
        Daemon = SesameProcess.StartServe(Ns, ProfilePath, ["--state-dir", StateDirectory, .. extra]);
        return Daemon;
    }

    /// <summary>Stops the daemon: SIGTERM (a clean exit) or SIGKILL (<c>kill -9</c>), and waits for it.</summary>
    public void StopDaemon(int signal)
    {
        SesameProcess daemon = Daemon ?? throw new InvalidOperationException("no daemon");
        daemon.Signal(signal);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)), "the daemon did not exit");
        daemon.Dispose();
        Daemon = null;
    }

    /// <summary>The stock client: <c>fwknop ARGS -D SERVER --use-hmac --key-base64-rijndael K --key-base64-hmac H</c>, in the client namespace.</summary>
    public ProcessResult Fwknop(IPAddress server, SpaKeys keys, params string[] args)
    {
        ProcessResult result = Ns.Run(Ns.Client, TimeSpan.FromSeconds(20),
        [
            "env", $"HOME={Home}", "fwknop", .. args, "-D", server.ToString(), "--use-hmac",
            "--key-base64-rijndael", Convert.ToBase64String(keys.EncryptionKey), "--key-base64-hmac", Convert.ToBase64String(keys.HmacKey),
        ]);
        Assert.True(result.Exit == 0, $"fwknop failed: {result}");
        return result;
    }

    /// <summary>A packet the stock client builds and saves without sending (<c>-T -B FILE</c>): the datagram's bytes.</summary>
    public byte[] FwknopPacket(SpaKeys keys, params string[] args)
    {
        string file = Path.Combine(Home, $"packet-{Guid.NewGuid():N}");
        Fwknop(Ns.ServerV4, keys, [.. args, "-T", "-B", file]);
        byte[] packet = Encoding.ASCII.GetBytes(File.ReadAllText(file).TrimEnd('\n'));
        File.Delete(file);
        return packet;
    }

    /// <summary>One UDP datagram to the SPA port from <paramref name="source"/> (an address of the client namespace).</summary>
    public void Send(byte[] payload, IPAddress server, IPAddress? source = null) => Ns.InClient(() =>
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        return socket.SendTo(payload, new IPEndPoint(server, SpaPort));
    });

    public bool Granted(IPAddress address) => Kernel.InList(Ns, SshList, address);

    public bool WaitForGrant(IPAddress address, TimeSpan limit) => Kernel.WaitFor(() => Granted(address), limit);

    /// <summary>Waits (at most five seconds) for a line of the daemon that holds every one of <paramref name="parts"/>.</summary>
    public string? WaitForLine(params string[] parts)
    {
        string? found = null;
        Kernel.WaitFor(() =>
        {
            found = Daemon!.Output.Split('\n').FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
            return found is not null;
        }, TimeSpan.FromSeconds(5));
        return found;
    }

    public int CountLines(params string[] parts) =>
        Daemon!.Output.Split('\n').Count(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));

    public void Dispose()
    {
        Daemon?.Dispose();
        Ns.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Time from <paramref name="start"/> to now in milliseconds.</summary>
    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
