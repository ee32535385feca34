using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>An item's properties as a <c>find</c> condition and <c>get</c> see them.</summary>
internal interface IItemRow
{
    /// <summary>The property names, for abbreviations (<c>find li=knock2</c>).</summary>
    IReadOnlyList<string> Names { get; }

    bool TryGet(string property, out RosValue value);
}
