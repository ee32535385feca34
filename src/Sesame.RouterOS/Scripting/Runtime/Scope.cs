namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>
/// A block's variables (MikroTik "Scripting", scopes): a <c>:local</c> lives until its block ends and is seen by the
/// blocks inside it. A block holds a handful of variables, so they are kept in a small array searched in order (no
/// dictionary per loop round); the array is made on the first declaration.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private string[]? _names;
    private Slot[]? _slots;
    private int _count;

    public Scope? Parent { get; } = parent;

    public void Declare(string name, Slot slot)
    {
        for (int i = 0; i < _count; i++)
        {
            if (string.Equals(_names![i], name, StringComparison.Ordinal))
            {
                _slots![i] = slot;
                return;
            }
        }

        if (_names is null || _count == _names.Length)
        {
            int size = _names is null ? 2 : _names.Length * 2;
            Array.Resize(ref _names, size);
            Array.Resize(ref _slots, size);
        }

        _names[_count] = name;
        _slots![_count] = slot;
        _count++;
    }

    public Slot? Find(string name)
    {
        for (Scope? s = this; s is not null; s = s.Parent)
        {
            for (int i = 0; i < s._count; i++)
            {
                if (string.Equals(s._names![i], name, StringComparison.Ordinal))
                {
                    return s._slots![i];
                }
            }
        }

        return null;
    }
}
