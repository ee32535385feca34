namespace Sesame.RouterOS.Scripting.Values;

/// <summary>
/// A RouterOS array: elements with numeric positions and elements with string keys (<c>{1;2;3}</c>, <c>{a=1;b=2}</c>).
/// Copy semantics as in RouterOS (assigning an array to another variable copies it): the interpreter copies with
/// <see cref="Copy"/> before changing an element through <c>:set ($a->"k") v</c>.
/// </summary>
public sealed record RosArray : RosValue
{
    // CONTRACT SKELETON (lead): members the interpreter uses. The values helper decides storage and ordering (RouterOS
    // orders keyed elements by key) and may add members.
    public RosArray()
    {
    }

    public RosArray(IEnumerable<RosValue> items)
    {
        foreach (RosValue item in items)
        {
            Add(item);
        }
    }

    public override string TypeName => "array";

    /// <summary>Elements in RouterOS order: (null key, value) for positional ones, (key, value) for keyed.</summary>
    public IReadOnlyList<KeyValuePair<string?, RosValue>> Items => throw new NotImplementedException();

    public int Count => Items.Count;

    /// <summary>Appends a positional element.</summary>
    public void Add(RosValue value) => throw new NotImplementedException();

    /// <summary><c>$a->"key"</c> or <c>$a->2</c>: the element, or <see cref="RosNothing"/> when absent.</summary>
    public RosValue Get(RosValue key) => throw new NotImplementedException();

    /// <summary>Sets (or adds) the element at a key or position.</summary>
    public void Set(RosValue key, RosValue value) => throw new NotImplementedException();

    public RosArray Copy() => throw new NotImplementedException();
}
