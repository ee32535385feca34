using System.Runtime.InteropServices;

namespace Sesame.Cli;

/// <summary>
/// SIGTERM and SIGINT cancel <see cref="Token"/> instead of ending the process, so a command stops where it can clean up
/// (a daemon leaves its table, a run stops at its next statement, the demo removes its namespaces).
/// </summary>
internal sealed class SignalStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _interrupt;

    public SignalStop()
    {
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _terminate.Dispose();
        _interrupt.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext signal)
    {
        signal.Cancel = true;
        _stop.Cancel();
    }
}
