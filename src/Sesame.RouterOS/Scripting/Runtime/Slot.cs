using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>A variable in a scope: a local's value, or a <c>:global</c> declaration that reads the engine's global.</summary>
internal sealed class Slot(RosValue value, bool global)
{
    public RosValue Value { get; set; } = value;

    public bool Global { get; } = global;
}
