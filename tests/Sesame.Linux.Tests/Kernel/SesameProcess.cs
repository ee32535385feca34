using System.Diagnostics;
using System.Text;

namespace Sesame.Tests.Kernel;

/// <summary>
/// The real <c>sesame</c> program, run in a namespace with <c>ip netns exec</c> (which execs it: the PID is sesame's).
/// <see cref="StartServe"/> waits for READY=1 on a NOTIFY_SOCKET of our own, which tests sd_notify too. Disposing kills
/// the process by its PID if it still runs; every wait is bounded.
/// </summary>
internal sealed class SesameProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _lock = new();

    private SesameProcess(string ns, IEnumerable<string> args, string? notifySocket, IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] all = [.. args];
        if (all.Length > 0 && all[0] is "serve" or "run" && !all.Contains("--control"))
        {
            // The control socket is a file, shared by every namespace: each test's daemon gets its own, and a run not
            // pointed at one finds no daemon (never another test's).
            ControlDirectory = Path.Combine(Path.GetTempPath(), $"sesame-ctl-{Guid.NewGuid():N}");
            ControlPath = Path.Combine(ControlDirectory, "control.sock");
            all = [.. all, "--control", ControlPath];
        }

        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string arg in (string[])["netns", "exec", ns, Executable, .. all])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOTIFY_SOCKET"] = notifySocket;
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "sesame");

    public int Pid => _process.Id;

    /// <summary>The control socket given to serve or run when the test gave none (in a directory of its own), else null.</summary>
    public string? ControlPath { get; }

    private string? ControlDirectory { get; }

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_lock)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts <c>sesame serve CONFIG</c> in the server namespace and returns once it has sent READY=1.</summary>
    public static SesameProcess StartServe(NetNs ns, string configPath, params string[] extra)
    {
        using var notify = new ReadyNotify();
        var process = new SesameProcess(ns.Server, ["serve", configPath, "--poll-interval", "0.2", .. extra], notify.Path);
        try
        {
            notify.Wait(process._process, ReadyTimeout, "sesame serve", () => process.Error);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Starts <c>sesame ARGS</c> in a namespace and returns at once (no READY=1 wait): for killing it mid-way.</summary>
    public static SesameProcess Launch(string ns, params string[] args) => new(ns, args, notifySocket: null);

    public bool HasExited => _process.HasExited;

    /// <summary>Runs a short sesame command in a namespace to its end (at most 60 s).</summary>
    public static (int ExitCode, string Output, string Error) Run(string ns, params string[] args) => RunWith(ns, null, args);

    /// <summary>As <see cref="Run"/>, with these environment variables set (SSH_CONNECTION, …).</summary>
    public static (int ExitCode, string Output, string Error) RunWith(string ns, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = new SesameProcess(ns, args, notifySocket: null, environment);
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException($"sesame {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process._process.ExitCode, process.Output, process.Error);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // drains the redirected streams
        return true;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits (at most five seconds) until the daemon's standard output holds <paramref name="text"/>.</summary>
    public bool WaitForOutput(string text) => Kernel.WaitFor(() => Output.Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(5));

    public void Signal(int signal) => Libc.Kill(_process.Id, signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        if (ControlDirectory is not null && Directory.Exists(ControlDirectory))
        {
            Directory.Delete(ControlDirectory, recursive: true);
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.AppendLine(line);
        }
    }
}
