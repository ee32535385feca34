using System.Diagnostics;
using System.Text;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>
/// One <c>sesame serve</c> process in a node's namespace (<c>ip netns exec</c> execs it: the PID is sesame's), started
/// and awaited like <see cref="SesameProcess.StartServe"/> (READY=1 on a NOTIFY_SOCKET of our own). Its standard output
/// and error are kept together, in order of arrival, for the log assertions. Disposing kills it by PID if it runs.
/// </summary>
internal sealed class FleetRigDaemon : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _lock = new();

    private FleetRigDaemon(string ns, IReadOnlyList<string> args, string notifySocket)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string arg in (string[])["netns", "exec", ns, SesameProcess.Executable, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOTIFY_SOCKET"] = notifySocket;
        start.Environment.Remove("PGPASSWORD");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the daemon wrote so far, standard output and error interleaved as they came.</summary>
    public string Log
    {
        get
        {
            lock (_lock)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>sesame ARGS</c> in <paramref name="ns"/> and returns once it has sent READY=1.</summary>
    public static FleetRigDaemon Start(string ns, IReadOnlyList<string> args)
    {
        using var notify = new ReadyNotify();
        var daemon = new FleetRigDaemon(ns, args, notify.Path);
        try
        {
            notify.Wait(daemon._process, ReadyTimeout, $"sesame serve in {ns}", () => "\n" + daemon.Log);
            return daemon;
        }
        catch
        {
            daemon.Dispose();
            throw;
        }
    }

    /// <summary>How many times <paramref name="text"/> occurs in the log.</summary>
    public int Count(string text)
    {
        string log = Log;
        int count = 0;
        for (int at = log.IndexOf(text, StringComparison.Ordinal); at >= 0; at = log.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Waits (bounded) until <paramref name="text"/> occurs at least <paramref name="times"/> times in the log.</summary>
    public bool WaitFor(string text, TimeSpan timeout, int times = 1) =>
        Kernel.Kernel.WaitFor(() => Count(text) >= times, timeout);

    /// <summary>SIGKILL, as a crash or the OOM killer would: nothing is cleaned up (the table stays in the kernel).</summary>
    public void Kill9()
    {
        Libc.Kill(_process.Id, Libc.SIGKILL);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"sesame serve ({_process.Id}) outlived SIGKILL by 10 s");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _log.AppendLine(line);
        }
    }
}
