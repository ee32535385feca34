using System.Globalization;
using Sesame.Diagnostics;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

internal sealed partial class ConsoleInterpreter
{
    /// <summary>
    /// Resolves an item reference (ROUTEROS.md §1.5): print numbers and comma lists of them, <c>*ID</c>, names in menus
    /// with a name, a filter rule's comment, <c>[find …]</c> and <c>([find …]->N)</c>. Null after reporting an error.
    /// </summary>
    private List<MenuItem>? ResolveItems(MenuState menu, CommandPart part, string parameter)
    {
        ValueSyntax? value = part.Kind == PartKind.Word ? new ValueSyntax(ValueKind.Text, part.Text, part.Location) : part.Value;
        if (value is null)
        {
            _diagnostics.Error(part.Location, DiagnosticCodes.BadArgument, $"'{parameter}' needs an item");
            return null;
        }

        switch (value.Kind)
        {
            case ValueKind.Substitution:
                return ResolveSubstitution(menu, value, parameter);
            case ValueKind.Block:
                _diagnostics.Error(value.Location, DiagnosticCodes.BadArgument, $"'{parameter}' needs an item, not a script block");
                return null;
        }

        var result = new List<MenuItem>();
        foreach (string piece in value.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            List<MenuItem>? found = ResolvePiece(menu, piece, value.Quoted, parameter, value.Location);
            if (found is null)
            {
                return null;
            }

            result.AddRange(found.Where(f => !result.Contains(f)));
        }

        return result;
    }

    /// <summary>A reference that must name exactly one item (<c>place-before</c>, <c>copy-from</c>, move's destination).</summary>
    private MenuItem? ResolveSingle(MenuState menu, CommandPart part, string parameter)
    {
        List<MenuItem>? items = ResolveItems(menu, part, parameter);
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            NoSuchItem(part.Value?.Location ?? part.Location, parameter, "the search found nothing");
            return null;
        }

        return items[0];
    }

    private List<MenuItem>? ResolvePiece(MenuState menu, string piece, bool quoted, string parameter, SourceLocation at)
    {
        if (!quoted && piece.Length > 1 && piece[0] == '*'
            && int.TryParse(piece.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int id))
        {
            MenuItem? byId = menu.FindById(id);
            return byId is null ? NoSuchItem(at, parameter, piece) : [byId];
        }

        if (!quoted && piece.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                return NoSuchItem(at, parameter, piece);
            }

            MenuItem? numbered = ResolveNumber(menu, number, parameter, at);
            return numbered is null ? null : [numbered];
        }

        // Menus with a name take the name; filter rules take their comment (place-before="CommentX", MT-CONSOLE).
        string key = menu.Definition.HasName ? "name" : menu.Definition.IsFilter ? "comment" : "";
        List<MenuItem> named = key.Length == 0 ? [] : menu.Items.FindAll(i => i.ValueOf(key) == piece);
        return named.Count == 0 ? NoSuchItem(at, parameter, piece) : named;
    }

    private MenuItem? ResolveNumber(MenuState menu, int number, string parameter, SourceLocation at)
    {
        if (menu.Numbers is { } numbers && numbers.TryGetValue(number, out int id))
        {
            MenuItem? item = menu.FindById(id);
            if (item is null)
            {
                NoSuchItem(at, parameter, $"{number} (removed since the last print)");
            }

            return item;
        }

        // ROUTEROS.md §1.5 / §10 item 6: the old manual numbers items "as if print was executed"; the new one says the
        // reference fails. Seed 004 relies on the former (enable numbers=5,6 after a print that showed fewer rules), so
        // we number the whole list now, as a print here would, and warn (strict mode: error).
        string why = menu.Numbers is null
            ? $"item number {number} is used before any 'print' in {menu.Definition.DisplayPath}"
            : $"item number {number} was not given out by the last 'print' in {menu.Definition.DisplayPath}";
        _diagnostics.Variant(at, DiagnosticCodes.NumberWithoutPrint, why + "; the list is numbered as if 'print' had run here");
        menu.AssignNumbers();
        if (number < menu.Items.Count)
        {
            return menu.Items[number];
        }

        NoSuchItem(at, parameter, number.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    private List<MenuItem>? ResolveSubstitution(MenuState outer, ValueSyntax value, string parameter)
    {
        CommandSyntax inner = value.Command!;
        if (inner.IsGlobal || inner.Parts.Count == 0)
        {
            _diagnostics.Error(value.Location, DiagnosticCodes.BadArgument, $"only '[find …]' can give the items of '{parameter}'");
            return null;
        }

        PathWalk walk = Walk(inner.Parts, [.. outer.Definition.Path.Split(' ')]);
        if (walk.CommandWord is null || NameResolver.Resolve(walk.CommandWord, CommandNames.All).Name != CommandNames.Find)
        {
            _diagnostics.Error(inner.Location, DiagnosticCodes.BadArgument, $"only '[find …]' can give the items of '{parameter}'");
            return null;
        }

        if (walk.PathText != outer.Definition.Path)
        {
            _diagnostics.Error(inner.Location, DiagnosticCodes.BadArgument,
                $"'{parameter}' refers to items of {outer.Definition.DisplayPath}, but the find searches /{walk.PathText}");
            return null;
        }

        List<MenuItem>? items = Find(outer, [.. inner.Parts.Skip(walk.ArgumentsStart)]);
        if (items is null || value.Index is not int index)
        {
            return items;
        }

        return index < items.Count ? [items[index]] : NoSuchItem(value.Location, parameter, $"item {index} of the find");
    }

    /// <summary>Runs <c>find</c>: the items matching the condition, in list order; null after a bad condition.</summary>
    private List<MenuItem>? Find(MenuState menu, IReadOnlyList<CommandPart> arguments)
    {
        int skip = arguments.Count > 0 && arguments[0] is { Kind: PartKind.Word, Text: "where" } ? 1 : 0;
        FindExpression? condition = FindExpressionParser.Parse([.. arguments.Skip(skip)], menu.Definition, _diagnostics);
        return condition is null ? null : menu.Items.FindAll(i => condition.Matches(i, menu.Definition));
    }

    private List<MenuItem>? NoSuchItem(SourceLocation at, string parameter, string what)
    {
        _diagnostics.Error(at, DiagnosticCodes.NoSuchItem, $"no such item: {what} (item referred by '{parameter}' does not exist)");
        return null;
    }
}
