namespace Sesame.RouterOS.Console;

/// <summary>The ordered item list of one menu in one session, and the numbers the last <c>print</c> gave out.</summary>
internal sealed class MenuState(MenuDefinition definition)
{
    private int _nextId = 1;

    public MenuDefinition Definition { get; } = definition;

    public List<MenuItem> Items { get; } = [];

    /// <summary>Print number → internal id, as the last print assigned them; null before any print (ROUTEROS.md §1.5).</summary>
    public Dictionary<int, int>? Numbers { get; private set; }

    public MenuItem NewItem(Sesame.Diagnostics.SourceLocation location) => new(_nextId++, location);

    /// <summary>
    /// The (list, normalised address) of every address-list entry, so that the duplicate check of each <c>add</c> is one
    /// lookup rather than a walk over all entries (an import of 100 000 entries would take hours); null after an edit
    /// that may change it, rebuilt at the next check.
    /// </summary>
    private HashSet<(string List, string Address)>? _entries;

    public MenuItem? FindById(int id) => Items.Find(i => i.Id == id);

    /// <summary>Whether an entry of <paramref name="list"/> has the address whose normalised form is <paramref name="key"/>.</summary>
    public bool HasEntry(string list, string key, Func<string, string> normalise)
    {
        if (_entries is null)
        {
            _entries = [];
            foreach (MenuItem item in Items)
            {
                if (item.ValueOf("list") is string l && item.ValueOf("address") is string a)
                {
                    _entries.Add((l, normalise(a)));
                }
            }
        }

        return _entries.Contains((list, key));
    }

    /// <summary>An entry was added after its duplicate check.</summary>
    public void EntryAdded(string list, string key) => _entries?.Add((list, key));

    /// <summary>Items were removed or changed: the entry index is rebuilt at the next check.</summary>
    public void Edited() => _entries = null;

    /// <summary>
    /// What <c>print</c> does to numbering: 0..N-1 over the whole list in list order, whatever the print shows
    /// (ROUTEROS.md §1.5: numbering is over the whole menu, not per chain or filter).
    /// </summary>
    public void AssignNumbers()
    {
        Numbers = [];
        for (int i = 0; i < Items.Count; i++)
        {
            Numbers[i] = Items[i].Id;
        }
    }
}
