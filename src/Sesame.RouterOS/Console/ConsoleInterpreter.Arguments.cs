using Sesame.Diagnostics;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

internal sealed partial class ConsoleInterpreter
{
    /// <summary>Sorts a command's arguments, resolving abbreviated names against the menu's properties and <paramref name="extra"/>.</summary>
    private CommandArguments CollectArguments(CommandContext c, IReadOnlyList<string> extra, bool menuProperties, bool allowUnset)
    {
        var args = new CommandArguments();
        IEnumerable<string> known = menuProperties ? c.Definition.AllProperties.Concat(extra) : extra;
        foreach (CommandPart part in c.Arguments)
        {
            switch (part.Kind)
            {
                case PartKind.Pair:
                    if (part.Operator != PairOperator.Equals)
                    {
                        _diagnostics.Error(part.Location, DiagnosticCodes.BadArgument, "'!=' and '~' belong in a 'find' or 'where' condition");
                        continue;
                    }

                    string written = part.Text;
                    if (menuProperties && c.Definition.IsAddressList && written == "address-list-timeout")
                    {
                        // Seed 004's troubleshooting line; the address-list parameter is 'timeout' (ROUTEROS.md §1.11).
                        _diagnostics.Variant(part.Location, DiagnosticCodes.TimeoutOnAddressList,
                            "'address-list-timeout' is a filter rule parameter; address-list entries take 'timeout', used instead");
                        written = "timeout";
                    }

                    if (ResolveArgumentName(c, written, known, part) is string name)
                    {
                        args.Named.Add((name, part));
                    }

                    break;
                case PartKind.Word when allowUnset && part.Text.Length > 1 && part.Text[0] == '!':
                    if (ResolveArgumentName(c, part.Text[1..], c.Definition.Properties, part) is string unset)
                    {
                        args.Unsets.Add((unset, part));
                    }

                    break;
                case PartKind.Word or PartKind.Value:
                    args.Unnamed.Add(part);
                    break;
                default:
                    _diagnostics.Error(part.Location, DiagnosticCodes.Syntax, $"parentheses have no meaning in '{c.Name}' here");
                    break;
            }
        }

        return args;
    }

    private string? ResolveArgumentName(CommandContext c, string written, IEnumerable<string> known, CommandPart part)
    {
        NameResolution resolution = NameResolver.Resolve(written, known);
        if (resolution.Name is not null)
        {
            return resolution.Name;
        }

        if (resolution.IsAmbiguous)
        {
            _diagnostics.Error(part.Location, DiagnosticCodes.AmbiguousName,
                $"'{written}' is ambiguous in {c.Definition.DisplayPath} {c.Name} ({string.Join(", ", resolution.Candidates)})");
        }
        else
        {
            _diagnostics.Error(part.Location, DiagnosticCodes.UnknownProperty,
                $"'{written}' is not a parameter of {c.Definition.DisplayPath} {c.Name}{Suggestion.DidYouMean(written, known)}");
        }

        return null;
    }

    /// <summary>
    /// A property value as stored on the item; null for a read-only property (dropped) and, after an error, for a
    /// substitution, which Sesame does not evaluate.
    /// </summary>
    private ItemProperty? ToProperty(CommandContext c, string name, CommandPart part)
    {
        if (c.Definition.ReadOnly.Contains(name))
        {
            return null;
        }

        ValueSyntax? value = part.Value;
        if (value is null)
        {
            return new ItemProperty(name, "", false, part.Location, part.Location);
        }

        if (value.Kind == ValueKind.Substitution)
        {
            _diagnostics.Error(value.Location, DiagnosticCodes.BadArgument,
                $"a command substitution as the value of '{name}' is not supported; write the value");
            return null;
        }

        return new ItemProperty(name, value.Text, value.Quoted || value.Kind == ValueKind.Block, part.Location, value.Location)
        {
            InnerLocation = value.InnerLocation,
        };
    }

    private void UnexpectedUnnamed(CommandContext c, CommandArguments args, int allowed)
    {
        for (int i = allowed; i < args.Unnamed.Count; i++)
        {
            _diagnostics.Error(args.Unnamed[i].Location, DiagnosticCodes.BadArgument,
                $"unexpected argument in '{c.Name}' (expected end of command)");
        }
    }
}
