using Sesame.Linux.Daemon;
using Sesame.Model;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet;

/// <summary>
/// A <see cref="SesameDaemon"/> in this test process, on a thread of its own inside the server namespace (it starts and
/// runs there), its log lines in <see cref="Log"/>. Disposing stops it and waits for its thread.
/// </summary>
internal sealed class DaemonRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly StringWriter _writer = new();
    private readonly TextWriter _log;
    private readonly TempDirectory _state = new();
    private Exception? _failure;

    private DaemonRun(NetNs ns, FirewallConfig config, DaemonOptions options)
    {
        _log = TextWriter.Synchronized(_writer);
        var started = new ManualResetEventSlim();
        _thread = new Thread(() =>
        {
            try
            {
                NetNs.Join(ns.Server);

                using var daemon = new SesameDaemon(config, options with { StateDirectory = _state.Path, NflogGroup = 5741 }, _log);
                daemon.Start();
                started.Set();
                daemon.Run(_stop.Token);
            }
            catch (Exception e)
            {
                _failure = e;
                started.Set();
            }
        })
        { IsBackground = true, Name = "sesame daemon under test" };
        _thread.Start();
        if (!started.Wait(TimeSpan.FromSeconds(30)) || _failure is not null)
        {
            _stop.Cancel();
            throw new InvalidOperationException("the daemon did not start: " + _failure);
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _writer.ToString();
            }
        }
    }

    public static DaemonRun Start(NetNs ns, FirewallConfig config, DaemonOptions options) => new(ns, config, options);

    public bool WaitForLog(string text, TimeSpan? limit = null) =>
        Kernel.Kernel.WaitFor(() => Log.Contains(text, StringComparison.Ordinal), limit ?? TimeSpan.FromSeconds(5));

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(15));
        _state.Dispose();
        _stop.Dispose();
    }
}
