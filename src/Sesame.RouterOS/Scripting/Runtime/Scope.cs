namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>
/// A block's variables (MikroTik "Scripting", scopes): a <c>:local</c> lives until its block ends and is seen by the
/// blocks inside it. The dictionary is made on the first declaration, so a loop body that declares nothing costs none.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private Dictionary<string, Slot>? _slots;

    public Scope? Parent { get; } = parent;

    public void Declare(string name, Slot slot) => (_slots ??= new(StringComparer.Ordinal))[name] = slot;

    public Slot? Find(string name)
    {
        for (Scope? s = this; s is not null; s = s.Parent)
        {
            if (s._slots is not null && s._slots.TryGetValue(name, out Slot? slot))
            {
                return slot;
            }
        }

        return null;
    }
}
