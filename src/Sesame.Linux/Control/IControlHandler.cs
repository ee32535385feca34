using Sesame.Scripting;

namespace Sesame.Linux.Control;

/// <summary>What the control socket's verbs do: the daemon's side of <see cref="ControlServer"/>.</summary>
internal interface IControlHandler
{
    /// <summary>
    /// Queues a run of <paramref name="script"/> for <paramref name="peer"/>; its lines go to <paramref name="listener"/> and
    /// its end to <paramref name="completed"/> (both on the script worker's thread). Returns null when queued, else why not.
    /// </summary>
    string? StartRun(string script, PeerCredentials peer, IScriptLog listener, Action<ScriptRunResult> completed, CancellationToken cancellation);

    /// <summary>The <c>status</c> reply line (<see cref="ControlStatus"/>), built on the calling connection's thread.</summary>
    byte[] Status() => ControlProtocol.ErrorReply("this daemon does not answer status");

    /// <summary>
    /// Does a <c>reload</c>, <c>apply</c> or <c>confirm</c> for <paramref name="peer"/> and returns how it ended; blocks
    /// the connection's thread until the daemon's thread has done it (or <paramref name="cancellation"/>).
    /// </summary>
    ControlOutcome ChangeConfig(ControlRequest request, PeerCredentials peer, CancellationToken cancellation) =>
        ControlOutcome.Refused("this daemon does not change its configuration through the control socket");
}
