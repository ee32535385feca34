namespace Sesame.RouterOS.Scripting.Values;

/// <summary>
/// A RouterOS array: elements with numeric positions and elements with string keys (<c>{1;2;3}</c>, <c>{a=1;b=2}</c>).
/// Copy semantics as in RouterOS (assigning an array to another variable copies it): the interpreter copies with
/// <see cref="Copy"/> before changing an element through <c>:set ($a->"k") v</c>.
/// </summary>
/// <remarks>
/// Order (MikroTik "Scripting", arrays): RouterOS keeps keyed elements sorted by key, so <c>{b=1;a=2}</c> prints
/// <c>a=2;b=1</c>. Decision: positional elements come first, in their order, then keyed ones sorted byte-wise by key
/// (<see cref="RosText.CompareBytes"/>). A string key is always a key, even <c>"0"</c>; a number addresses the
/// positional elements. An array holds at most <see cref="RosLimits.MaxArrayLength"/> elements.
/// </remarks>
public sealed record RosArray : RosValue
{
    private readonly List<RosValue> _positional;
    // A tree, not a SortedList: a script filling a keyed array in random order must not pay a shift per insert.
    private readonly SortedDictionary<string, RosValue> _keyed;
    private System.Collections.ObjectModel.ReadOnlyCollection<KeyValuePair<string?, RosValue>>? _items;

    public RosArray()
    {
        _positional = [];
        _keyed = new SortedDictionary<string, RosValue>(RosText.ByteOrder);
    }

    public RosArray(IEnumerable<RosValue> items)
        : this()
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (RosValue item in items)
        {
            Add(item);
        }
    }

    /// <summary>The copy a <c>with</c> expression makes: as deep as <see cref="Copy"/>, so the two never share elements.</summary>
    private RosArray(RosArray original)
        : base(original)
    {
        _positional = new List<RosValue>(original._positional.Count);
        _keyed = new SortedDictionary<string, RosValue>(RosText.ByteOrder);
        CopyFrom(original, 1);
    }

    public override string TypeName => "array";

    /// <summary>Elements in RouterOS order: (null key, value) for positional ones, (key, value) for keyed.</summary>
    public IReadOnlyList<KeyValuePair<string?, RosValue>> Items => _items ??= Array.AsReadOnly(BuildItems());

    public int Count => _positional.Count + _keyed.Count;

    /// <summary>The number of positional elements (those <c>$a->0</c> .. reach).</summary>
    public int PositionalCount => _positional.Count;

    /// <summary>Whether at least one element is keyed.</summary>
    public bool HasKeys => _keyed.Count > 0;

    /// <summary>Appends a positional element.</summary>
    public void Add(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        EnsureRoom();
        EnsureShallow(value);
        _positional.Add(value);
        _items = null;
    }

    /// <summary><c>$a->"key"</c> or <c>$a->2</c>: the element, or <see cref="RosNothing"/> when absent.</summary>
    public RosValue Get(RosValue key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key switch
        {
            RosNum n => n.Value >= 0 && n.Value < _positional.Count ? _positional[(int)n.Value] : RosNothing.Instance,
            RosStr s => _keyed.TryGetValue(s.Value, out RosValue? v) ? v : RosNothing.Instance,
            RosNil or RosNothing => RosNothing.Instance,
            _ => _keyed.TryGetValue(RosOps.ToStr(key), out RosValue? v) ? v : RosNothing.Instance,
        };
    }

    /// <summary>
    /// Sets (or adds) the element at a key or position. A position equal to the count appends; a position past it or
    /// negative is an error (decision: RouterOS has no holes in its positional part, and a silent append would hide a bug).
    /// </summary>
    public void Set(RosValue key, RosValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        EnsureShallow(value);
        if (key is RosNum n)
        {
            if (n.Value >= 0 && n.Value < _positional.Count)
            {
                _positional[(int)n.Value] = value;
            }
            else if (n.Value == _positional.Count)
            {
                EnsureRoom();
                _positional.Add(value);
            }
            else
            {
                throw new RosScriptException($"array index {n.Value} is out of range (the array has {_positional.Count} positional elements)");
            }
        }
        else
        {
            if (key is RosNil or RosNothing or RosArray)
            {
                throw new RosScriptException($"an array key must be a string or a number, not {key.TypeName}");
            }

            string k = key is RosStr s ? s.Value : RosOps.ToStr(key);
            if (!_keyed.ContainsKey(k))
            {
                EnsureRoom();
            }

            _keyed[k] = value;
        }

        _items = null;
    }

    /// <summary>Removes the element at a key or position (positions after it move down); false when absent.</summary>
    public bool Remove(RosValue key)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool removed;
        if (key is RosNum n)
        {
            removed = n.Value >= 0 && n.Value < _positional.Count;
            if (removed)
            {
                _positional.RemoveAt((int)n.Value);
            }
        }
        else
        {
            removed = _keyed.Remove(key is RosStr s ? s.Value : RosOps.ToStr(key));
        }

        _items = null;
        return removed;
    }

    /// <summary>An independent copy: nested arrays are copied too, so changing one never changes the other.</summary>
    public RosArray Copy() => CopyAt(1);

    /// <summary>How deep this array nests: 1 without arrays inside, 1 + the deepest element array otherwise.</summary>
    /// <exception cref="RosScriptException">Deeper than <see cref="RosLimits.MaxArrayDepth"/> (or inside itself).</exception>
    public int Depth() => DepthAt(1, null);

    /// <summary>Throws when <paramref name="depth"/>, the nesting level a walk has reached, passes the bound.</summary>
    internal static void CheckDepth(int depth)
    {
        if (depth > RosLimits.MaxArrayDepth)
        {
            throw new RosScriptException($"arrays nested too deep (more than {RosLimits.MaxArrayDepth} levels)");
        }
    }

    /// <summary>Arrays are equal when they hold equal elements under the same keys, in the same order (<see cref="RosOps.AreEqual"/>).</summary>
    public bool Equals(RosArray? other) => EqualsAt(other, 1);

    internal bool EqualsAt(RosArray? other, int depth)
    {
        CheckDepth(depth);
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        IReadOnlyList<KeyValuePair<string?, RosValue>> a = Items;
        IReadOnlyList<KeyValuePair<string?, RosValue>> b = other.Items;
        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal) || !RosOps.AreEqualAt(a[i].Value, b[i].Value, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => Count;

    private RosArray CopyAt(int depth)
    {
        var copy = new RosArray();
        copy.CopyFrom(this, depth);
        return copy;
    }

    private void CopyFrom(RosArray original, int depth)
    {
        CheckDepth(depth);
        foreach (RosValue item in original._positional)
        {
            _positional.Add(item is RosArray a ? a.CopyAt(depth + 1) : item);
        }

        foreach (KeyValuePair<string, RosValue> pair in original._keyed)
        {
            _keyed.Add(pair.Key, pair.Value is RosArray a ? a.CopyAt(depth + 1) : pair.Value);
        }
    }

    /// <summary>The deepest level below this one (at <paramref name="depth"/>); throws on meeting <paramref name="forbidden"/>.</summary>
    private int DepthAt(int depth, RosArray? forbidden)
    {
        CheckDepth(depth);
        if (ReferenceEquals(this, forbidden))
        {
            throw new RosScriptException("an array cannot contain itself");
        }

        int deepest = depth;
        foreach (RosValue item in _positional)
        {
            if (item is RosArray a)
            {
                deepest = Math.Max(deepest, a.DepthAt(depth + 1, forbidden));
            }
        }

        foreach (RosValue item in _keyed.Values)
        {
            if (item is RosArray a)
            {
                deepest = Math.Max(deepest, a.DepthAt(depth + 1, forbidden));
            }
        }

        return deepest;
    }

    /// <summary>An array element must leave this array within the nesting bound, and must not hold this array.</summary>
    private void EnsureShallow(RosValue value)
    {
        if (value is RosArray inner)
        {
            CheckDepth(inner.DepthAt(1, this) + 1);
        }
    }

    private void EnsureRoom()
    {
        if (Count >= RosLimits.MaxArrayLength)
        {
            throw new RosScriptException($"array too long (more than {RosLimits.MaxArrayLength} elements)");
        }
    }

    private KeyValuePair<string?, RosValue>[] BuildItems()
    {
        var items = new KeyValuePair<string?, RosValue>[Count];
        int i = 0;
        foreach (RosValue value in _positional)
        {
            items[i++] = new KeyValuePair<string?, RosValue>(null, value);
        }

        foreach (KeyValuePair<string, RosValue> pair in _keyed)
        {
            items[i++] = new KeyValuePair<string?, RosValue>(pair.Key, pair.Value);
        }

        return items;
    }
}
