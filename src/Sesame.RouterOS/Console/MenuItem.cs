using System.Globalization;
using Sesame.Diagnostics;

namespace Sesame.RouterOS.Console;

/// <summary>An item of a menu (a rule, an entry …) with its internal id and its properties in the order they were set.</summary>
internal sealed class MenuItem(int id, SourceLocation location)
{
    private readonly List<ItemProperty> _properties = [];

    public int Id { get; } = id;

    /// <summary>Where the item was added.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>The internal id as RouterOS prints it: <c>*</c> and uppercase hex (ROUTEROS.md §1.5).</summary>
    public string IdText => "*" + Id.ToString("X", CultureInfo.InvariantCulture);

    public IReadOnlyList<ItemProperty> Properties => _properties;

    public ItemProperty? Get(string name) => _properties.Find(p => p.Name == name);

    public string? ValueOf(string name) => Get(name)?.Value;

    public void Set(ItemProperty property)
    {
        int i = _properties.FindIndex(p => p.Name == property.Name);
        if (i >= 0)
        {
            _properties[i] = property;
        }
        else
        {
            _properties.Add(property);
        }
    }

    public void Unset(string name) => _properties.RemoveAll(p => p.Name == name);
}
