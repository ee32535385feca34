using Sesame.Linux.Logging;

namespace Sesame.Linux.Control;

/// <summary>
/// What an <c>event=control-error</c> line says: the step (<c>refused</c>, <c>request</c>, <c>connection</c>,
/// <c>accept</c>), the peer when one connected, the message, and how many lines the rate limit left out before it.
/// </summary>
internal readonly record struct ControlError(string Stage, PeerCredentials? Peer, string Message, int Suppressed = 0)
{
    /// <summary>A refusal (a peer not admitted, a request that is not one), as opposed to a failure of the socket.</summary>
    public bool IsRefusal => Stage is "refused" or "request";

    /// <summary>The line's details, <c>stage=… uid=… pid=… message="…" suppressed=N</c>.</summary>
    public override string ToString()
    {
        string suppressed = Suppressed > 0 ? $" suppressed={Suppressed}" : "";
        string peer = Peer is { } p ? $" uid={p.Uid} pid={p.Pid}" : "";
        return $"stage={KeyValueLine.Value(Stage)}{peer} message={KeyValueLine.Quoted(Message)}{suppressed}";
    }
}
