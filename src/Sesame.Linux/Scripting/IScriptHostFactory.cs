using Sesame.Scripting;

namespace Sesame.Linux.Scripting;

/// <summary>
/// Makes the host for each run on the script worker's thread (which opens it: libnftables contexts and netlink sockets
/// belong to the thread and network namespace that made them).
/// </summary>
internal interface IScriptHostFactory : IDisposable
{
    IScriptHost Create(ScriptInvocation invocation);
}
