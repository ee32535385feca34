namespace Sesame.RouterOS.Console;

/// <summary>An item menu: its path (words separated by one space), its properties and the defaults that <c>find</c> sees.</summary>
internal sealed record MenuDefinition(MenuKind Kind, string Path, IReadOnlyList<string> Properties)
{
    /// <summary>Menus with a <c>name</c> key accept the name as an item reference (ROUTEROS.md §1.5).</summary>
    public bool HasName => Properties.Contains("name");

    /// <summary>
    /// Properties RouterOS prints (and some versions export) but computes itself (<c>run-count</c>, <c>next-run</c>):
    /// accepted so that a printed item reads back, and dropped.
    /// </summary>
    public IReadOnlyList<string> ReadOnly { get; init; } = [];

    /// <summary>Every name <c>add</c>, <c>set</c> and <c>find</c> accept: the properties and the read-only ones.</summary>
    public IEnumerable<string> AllProperties => Properties.Concat(ReadOnly);

    public bool IsFilter => Kind is MenuKind.Ipv4Filter or MenuKind.Ipv6Filter;

    public bool IsAddressList => Kind is MenuKind.Ipv4AddressList or MenuKind.Ipv6AddressList;

    public string DisplayPath => "/" + Path;

    /// <summary>Values an item has without setting them, as <c>find</c>/<c>where</c> compare them.</summary>
    public string DefaultOf(string property) => property switch
    {
        "disabled" => "no",
        "action" when IsFilter => "accept",
        "dynamic" when IsAddressList => "no",
        _ => "",
    };
}
