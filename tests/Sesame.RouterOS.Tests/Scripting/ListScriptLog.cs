using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

internal sealed class ListScriptLog : IScriptLog
{
    public List<ScriptLogEntry> Entries { get; } = [];

    /// <summary>The :put lines.</summary>
    public IEnumerable<string> Puts => Entries.Where(e => e.Topic == "put").Select(e => e.Message);

    public void Write(ScriptLogEntry entry) => Entries.Add(entry);
}
