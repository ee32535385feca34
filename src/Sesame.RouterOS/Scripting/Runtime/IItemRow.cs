using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>An item's properties as a <c>find</c> condition and <c>get</c> see them.</summary>
internal interface IItemRow
{
    bool TryGet(string property, out RosValue value);
}
