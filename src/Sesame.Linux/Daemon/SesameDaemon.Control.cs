using Sesame.Linux.Control;
using Sesame.Linux.Scripting;
using Sesame.Scripting;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The control socket (<see cref="ControlServer"/>): <c>sesame run SCRIPT</c> asks the daemon to run a script on its script
/// worker, the one the schedulers use, so filter <c>enable|disable</c> goes through <see cref="LiveRules"/> (the guard keeps
/// it) and list changes are the daemon's usual events.
/// </summary>
public sealed partial class SesameDaemon
{
    private ControlServer? _control;

    /// <summary>The control socket's path while it listens, else null.</summary>
    public string? ControlPath => _control?.Path;

    /// <summary>Binds the socket (before anything is applied: a path a live daemon holds stops this one).</summary>
        private void OpenControl()
    {
        if (_options.ControlPath is { } path)
        {
            _control = ControlServer.Open(path, new ControlHandler(this),
                (ControlError error) => _log.ControlError(error), _options.Time);
        }
    }

    /// <summary>Accepts connections once the ruleset is in and the script worker runs.</summary>
    private void StartControl()
    {
        if (_control is { } control)
        {
            control.Start();
            _log.ControlListening(control.Path);
        }
    }

    private void CloseControl()
    {
        _control?.Dispose();
        _control = null;
    }

    private sealed class ControlHandler(SesameDaemon daemon) : IControlHandler
    {
        public byte[] Status() => ControlStatusLine.Reply(daemon.Status());

        public string? StartRun(string script, PeerCredentials peer, IScriptLog listener, Action<ScriptRunResult> completed, CancellationToken cancellation)
        {
            if (daemon._scripts is not { } worker || daemon._options.Scripts is not { } runner)
            {
                return "the running configuration has no scripts";
            }

            if (!runner.ScriptNames.Contains(script))
            {
                string known = string.Join(", ", runner.ScriptNames);
                return $"the running configuration has no script '{script}' (it has: {known}); 'sesame reload' loads a changed configuration";
            }

            daemon._log.ScriptRun(script, "control", peer.Uid, peer.Pid);
            worker.Enqueue(new ScriptRequest(ScriptInvocation.Named(script), listener, completed, cancellation));
            return null;
        }

        public ControlOutcome ChangeConfig(ControlRequest request, PeerCredentials peer, CancellationToken cancellation) =>
            daemon.ChangeConfigFromControl(request, peer, cancellation);
    }
}
