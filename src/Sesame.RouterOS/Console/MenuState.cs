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

    public MenuItem? FindById(int id) => Items.Find(i => i.Id == id);

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
