using Sesame.Linux.Control;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Who asked for a reload, an apply, a confirmation or a rollback, as the log lines name it: <c>via=signal</c>,
/// <c>via=timeout</c>, <c>via=restart</c>, or <c>via=control uid=0 pid=4242</c> (the control socket's peer).
/// </summary>
internal readonly record struct ChangeVia(string Name, uint? Uid = null, int? Pid = null)
{
    /// <summary>A request on the control socket, by <paramref name="peer"/>.</summary>
    public static ChangeVia Control(PeerCredentials peer) => new("control", peer.Uid, peer.Pid);

    public override string ToString() => Uid is { } uid ? $"{Name} uid={uid} pid={Pid}" : Name;
}
