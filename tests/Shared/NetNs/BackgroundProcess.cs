using System.Diagnostics;
using System.Text;

namespace Sesame.Tests.Support;

/// <summary>A server started for a test (knockd, tcpdump, a listener): its output collected, stopped by its PID.</summary>
internal sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public BackgroundProcess(string fileName, IEnumerable<string> args)
    {
        _process = ProcessRunner.Start(fileName, args);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits (bounded) until the output contains <paramref name="text"/>; throws with the output so far when it does not.</summary>
    public void WaitForOutput(string text, TimeSpan timeout)
    {
        if (!Poll.Until(() => Output.Contains(text, StringComparison.Ordinal) || _process.HasExited, timeout) || !Output.Contains(text, StringComparison.Ordinal))
        {
            throw new TimeoutException($"'{text}' did not appear within {timeout.TotalSeconds} s; output:\n{Output}");
        }
    }

    /// <summary>Asks the process to end with SIGINT (tcpdump then flushes its capture) and waits, bounded; kills it if it lingers.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        ProcessRunner.Run("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
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

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
