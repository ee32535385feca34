using Sesame.Scripting;

namespace Sesame.Linux.Control;

/// <summary>One reply line of the control socket (<see cref="ControlProtocol"/>).</summary>
internal abstract record ControlReply
{
    private ControlReply()
    {
    }

    /// <summary>A line the run wrote.</summary>
    public sealed record Log(ScriptLogEntry Entry) : ControlReply;

    /// <summary>How the run ended: the last line.</summary>
    public sealed record Result(ScriptRunResult Run) : ControlReply;

    /// <summary>The request was refused: the last line.</summary>
    public sealed record Refused(string Message) : ControlReply;
}
