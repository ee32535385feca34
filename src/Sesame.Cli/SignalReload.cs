using System.Runtime.InteropServices;

namespace Sesame.Cli;

/// <summary>
/// SIGHUP asks for a reload instead of ending the process (its default): <c>systemctl reload</c>, <c>kill -HUP</c>.
/// Registered before anything is applied, so a SIGHUP during the start cannot kill the daemon; until <see cref="Attach"/>
/// it is ignored (the start reads the file anyway).
/// </summary>
internal sealed class SignalReload : IDisposable
{
    private readonly PosixSignalRegistration _hangUp;
    private volatile Action? _reload;

    public SignalReload()
    {
        _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    /// <summary>From now on a SIGHUP runs <paramref name="reload"/> (which must return at once).</summary>
    public void Attach(Action reload) => _reload = reload;

    public void Dispose() => _hangUp.Dispose();

    private void OnSignal(PosixSignalContext signal)
    {
        signal.Cancel = true;
        _reload?.Invoke();
    }
}
