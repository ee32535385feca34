using Sesame.Scripting;

namespace Sesame.Linux.Scripting;

/// <summary>
/// A run asked of the <see cref="ScriptWorker"/> by somebody who waits for it (the control socket's <c>run</c>): its lines go
/// to <see cref="Listener"/> as well as the daemon's log, and <see cref="Completed"/> is told how it ended — also when it
/// never ran because the worker stopped. <see cref="Cancellation"/> ends the run early (the client went away).
/// </summary>
/// <remarks>Both callbacks are called on the worker's thread and must not block.</remarks>
internal sealed record ScriptRequest(ScriptInvocation Invocation, IScriptLog? Listener = null,
    Action<ScriptRunResult>? Completed = null, CancellationToken Cancellation = default);
