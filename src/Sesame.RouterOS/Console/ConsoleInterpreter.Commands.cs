using Sesame.Net;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

internal sealed partial class ConsoleInterpreter
{
    private const string Numbers = "numbers";
    private const string PlaceBefore = "place-before";
    private const string CopyFrom = "copy-from";
    private const string Destination = "destination";

    private void Execute(CommandContext c)
    {
        switch (c.Name)
        {
            case CommandNames.Add:
                Add(c);
                break;
            case CommandNames.Set:
                Set(c);
                break;
            case CommandNames.Remove:
                // One pass over the items, not one a target: "remove [find]" on a large list stays linear.
                var removed = new HashSet<MenuItem>(Targets(c, CollectArguments(c, [Numbers], false, false), 1), ReferenceEqualityComparer.Instance);
                c.Menu.Items.RemoveAll(removed.Contains);
                c.Menu.Edited();
                break;
            case CommandNames.Enable or CommandNames.Disable:
                string disabled = c.Name == CommandNames.Disable ? "yes" : "no";
                foreach (MenuItem item in Targets(c, CollectArguments(c, [Numbers], false, false), 1))
                {
                    item.Set(new ItemProperty("disabled", disabled, false, c.NameLocation, c.NameLocation));
                }

                break;
            case CommandNames.Comment:
                Comment(c);
                break;
            case CommandNames.Move:
                Move(c);
                break;
            case CommandNames.Print:
                Print(c);
                break;
            case CommandNames.Find:
                Find(c.Menu, c.Arguments);
                break;
            default:
                // export, get, reset-counters: accepted; they change nothing Sesame models.
                break;
        }
    }

    private void Add(CommandContext c)
    {
        CommandArguments args = CollectArguments(c, [PlaceBefore, CopyFrom], true, false);
        UnexpectedUnnamed(c, args, 0);
        MenuState menu = c.Menu;
        MenuItem item = menu.NewItem(c.Syntax.Location);
        MenuItem? before = null;
        bool failed = false;
        foreach ((string name, CommandPart part) in args.Named)
        {
            switch (name)
            {
                case PlaceBefore:
                    before = ResolveSingle(menu, part, PlaceBefore);
                    failed |= before is null;
                    break;
                case CopyFrom:
                    MenuItem? source = ResolveSingle(menu, part, CopyFrom);
                    failed |= source is null;
                    foreach (ItemProperty p in source?.Properties ?? [])
                    {
                        item.Set(p);
                    }

                    break;
            }
        }

        foreach ((string name, CommandPart part) in args.Named)
        {
            if (name is not (PlaceBefore or CopyFrom) && ToProperty(c, name, part) is ItemProperty property)
            {
                item.Set(property);
            }
        }

        // A failed reference fails the whole command in RouterOS: the item is not added.
        if (failed || (menu.Definition.IsAddressList && IsDuplicateEntry(c, menu, item)))
        {
            return;
        }

        if (before is not null)
        {
            menu.Items.Insert(menu.Items.IndexOf(before), item);
        }
        else
        {
            menu.Items.Add(item);
        }
    }

    /// <summary>ROUTEROS.md §3.2: one entry per (list, normalised address); <c>1.2.3.4/24</c> and <c>1.2.3.0/24</c> are the same.</summary>
    private bool IsDuplicateEntry(CommandContext c, MenuState menu, MenuItem item)
    {
        string? list = item.ValueOf("list");
        string? address = item.ValueOf("address");
        if (list is null || address is null)
        {
            return false;
        }

        string key = AddressKey(address);
        if (!menu.HasEntry(list, key, AddressKey))
        {
            menu.EntryAdded(list, key);
            return false;
        }

        _diagnostics.Error(c.Syntax.Location, DiagnosticCodes.DuplicateEntry,
            $"failure: already have such entry ({address} in list {list}); RouterOS stops the import here, Sesame goes on without it");
        return true;
    }

    private static string AddressKey(string address) =>
        IpRange.TryParse(address, out IpRange? range) ? range.Value.ToString() : address.ToLowerInvariant();

    private void Set(CommandContext c)
    {
        CommandArguments args = CollectArguments(c, [Numbers], true, true);
        var properties = new List<ItemProperty>();
        foreach ((string name, CommandPart part) in args.Named)
        {
            if (name != Numbers && ToProperty(c, name, part) is ItemProperty property)
            {
                properties.Add(property);
            }
        }

        foreach (MenuItem item in Targets(c, args, 1))
        {
            foreach ((string name, _) in args.Unsets)
            {
                item.Unset(name);
            }

            foreach (ItemProperty property in properties)
            {
                item.Set(property);
            }
        }

        c.Menu.Edited();
    }

    private void Comment(CommandContext c)
    {
        CommandArguments args = CollectArguments(c, [Numbers, "comment"], false, false);
        CommandPart? text = args.Find("comment") ?? (args.Unnamed.Count > 1 && args.Find(Numbers) is null ? args.Unnamed[1] : null);
        text ??= args.Find(Numbers) is not null && args.Unnamed.Count > 0 ? args.Unnamed[0] : null;
        if (text is null)
        {
            _diagnostics.Error(c.NameLocation, DiagnosticCodes.BadArgument, "'comment' needs the comment text");
            return;
        }

        string value = text.Kind == PartKind.Word ? text.Text : text.Value?.Text ?? "";
        foreach (MenuItem item in Targets(c, args, 2))
        {
            item.Set(new ItemProperty("comment", value, true, text.Location, text.Value?.Location ?? text.Location));
        }
    }

    /// <summary>
    /// ROUTEROS.md §1.4: the items move to just before the destination (to the end without one). Print numbers are not
    /// changed, so later numbers still mean what the last print showed.
    /// </summary>
    private void Move(CommandContext c)
    {
        CommandArguments args = CollectArguments(c, [Numbers, Destination], false, false);
        CommandPart? destinationPart = args.Find(Destination) ?? (args.Find(Numbers) is null
            ? (args.Unnamed.Count > 1 ? args.Unnamed[1] : null)
            : (args.Unnamed.Count > 0 ? args.Unnamed[0] : null));
        List<MenuItem> moving = Targets(c, args, destinationPart is not null && args.Find(Destination) is null ? 2 : 1);
        MenuItem? destination = destinationPart is null ? null : ResolveSingle(c.Menu, destinationPart, Destination);
        if (moving.Count == 0 || (destinationPart is not null && destination is null) || (destination is not null && moving.Contains(destination)))
        {
            return;
        }

        List<MenuItem> items = c.Menu.Items;
        // Positions looked up once and a set for the removal: "move [find] …" on a large list stays linear.
        var position = new Dictionary<MenuItem, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < items.Count; i++)
        {
            position[items[i]] = i;
        }

        moving.Sort((a, b) => position[a].CompareTo(position[b]));
        var moved = new HashSet<MenuItem>(moving, ReferenceEqualityComparer.Instance);
        items.RemoveAll(moved.Contains);
        items.InsertRange(destination is null ? items.Count : items.IndexOf(destination), moving);
    }

    private void Print(CommandContext c)
    {
        int where = -1;
        for (int i = 0; i < c.Arguments.Count; i++)
        {
            if (c.Arguments[i] is { Kind: PartKind.Word, Text: "where" })
            {
                where = i;
                break;
            }
        }

        var head = where < 0 ? c.Arguments : c.Arguments.Take(where).ToList();
        var filters = new List<CommandPart>();
        foreach (CommandPart part in head)
        {
            bool isPair = part.Kind == PartKind.Pair;
            if (part.Kind is not (PartKind.Pair or PartKind.Word))
            {
                _diagnostics.Error(part.Location, DiagnosticCodes.BadArgument, "unexpected argument in 'print'");
                continue;
            }

            IEnumerable<string> known = isPair ? c.Definition.AllProperties.Concat(CommandNames.PrintArguments) : CommandNames.PrintArguments;
            if (ResolveArgumentName(c, part.Text, known, part) is string name && isPair && c.Definition.AllProperties.Contains(name))
            {
                // print chain=input: a property given directly filters like 'where chain=input' (ROUTEROS.md §1.7).
                filters.Add(part);
            }
        }

        if (filters.Count > 0)
        {
            FindExpressionParser.Parse(filters, c.Definition, _diagnostics);
        }

        if (where >= 0)
        {
            FindExpressionParser.Parse([.. c.Arguments.Skip(where + 1)], c.Definition, _diagnostics);
        }

        c.Menu.AssignNumbers();
    }

    /// <summary>The items a command works on: <c>numbers=</c> or the first unnamed argument (ROUTEROS.md §1.2).</summary>
    private List<MenuItem> Targets(CommandContext c, CommandArguments args, int unnamedAllowed)
    {
        CommandPart? numbers = args.Find(Numbers);
        if (numbers is null && args.Unnamed.Count > 0)
        {
            numbers = args.Unnamed[0];
        }
        else if (numbers is not null)
        {
            unnamedAllowed--;
        }

        UnexpectedUnnamed(c, args, Math.Max(unnamedAllowed, 0));
        if (numbers is null)
        {
            _diagnostics.Error(c.NameLocation, DiagnosticCodes.BadArgument, $"'{c.Name}' needs the items to work on (numbers)");
            return [];
        }

        return ResolveItems(c.Menu, numbers, Numbers) ?? [];
    }
}
