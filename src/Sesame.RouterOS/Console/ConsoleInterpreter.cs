using Sesame.Diagnostics;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

/// <summary>
/// Runs parsed commands the way the RouterOS console imports a script: a current menu, per menu an ordered item list
/// with internal ids and print numbers, and the item commands of ROUTEROS.md §1.4. Nothing is executed beyond that.
/// </summary>
internal sealed partial class ConsoleInterpreter
{
    private static readonly string[] FilterMenuPath = ["ip", "firewall", "filter"];

    private readonly ScriptDiagnostics _diagnostics;
    private readonly Dictionary<MenuKind, MenuState> _menus = [];
    private List<string> _current = [];
    private string? _lastInlinePath;
    private bool _assumedFilterMenu;

    public ConsoleInterpreter(ScriptDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
        foreach (MenuDefinition menu in MenuCatalog.All)
        {
            _menus[menu.Kind] = new MenuState(menu);
        }
    }

    /// <summary>The current menu as words (empty at the root).</summary>
    public IReadOnlyList<string> CurrentPath => _current;

    public MenuState Menu(MenuKind kind) => _menus[kind];

    public void Run(IEnumerable<CommandSyntax> commands)
    {
        foreach (CommandSyntax command in commands)
        {
            Run(command);
        }
    }

    public void Run(CommandSyntax command)
    {
        if (command.IsGlobal)
        {
            _diagnostics.Warning(command.Location, DiagnosticCodes.GlobalCommandSkipped,
                $"'{command.Parts[0].Text}' is a scripting command; Sesame runs scripting commands in /system script and scheduler code, not at the top level of a configuration, so it is skipped");
            return;
        }

        PathWalk walk = Walk(command.Parts, _current);
        if (walk.CommandWord is null)
        {
            if (walk.ArgumentsStart < command.Parts.Count)
            {
                _diagnostics.Error(command.Parts[walk.ArgumentsStart].Location, DiagnosticCodes.Syntax, "expected a command name");
                return;
            }

            // A path alone changes the current menu (ROUTEROS.md §1.2).
            _current = walk.Path;
            _lastInlinePath = null;
            return;
        }

        string currentText = string.Join(' ', _current);
        if (!walk.HasPath && _lastInlinePath is not null && _lastInlinePath != currentText)
        {
            _diagnostics.Warning(command.Location, DiagnosticCodes.AfterInlinePath,
                $"this command runs in /{currentText} (the last menu given alone on a line), not in /{_lastInlinePath} of the previous command");
        }

        // ROUTEROS.md §1.2 / §10 item 5: a command with a path of its own does not change the current menu, as in the
        // interactive console (the prompt stays). Only a line that is a path alone does.
        _lastInlinePath = walk.HasPath ? walk.PathText : null;

        if (walk.Path.Count == 0 && walk.TrailingSteps.Count == 0 && IsItemCommand(walk.CommandWord))
        {
            if (!AssumeFilterMenu(command, walk))
            {
                return;
            }

            walk = walk with { Path = [.. FilterMenuPath] };
        }

        if (!MenuCatalog.TryGetMenu(walk.PathText, out MenuDefinition? menu))
        {
            NotModelled(command, walk);
            return;
        }

        NameResolution name = NameResolver.Resolve(walk.CommandWord, CommandNames.All);
        if (name.Name is null)
        {
            string message = name.IsAmbiguous
                ? $"'{walk.CommandWord}' is ambiguous in {menu.DisplayPath} ({string.Join(", ", name.Candidates)})"
                : $"bad command name '{walk.CommandWord}' in {menu.DisplayPath}";
            _diagnostics.Error(walk.CommandLocation, name.IsAmbiguous ? DiagnosticCodes.AmbiguousName : DiagnosticCodes.UnknownCommand, message);
            return;
        }

        if (walk.TrailingSteps.Count > 0)
        {
            _diagnostics.Error(walk.CommandLocation, DiagnosticCodes.Syntax, $"'/{string.Join('/', walk.TrailingSteps)}' after the command name '{walk.CommandWord}'");
            return;
        }

        var context = new CommandContext(_menus[menu.Kind], name.Name, command, walk.CommandLocation,
            [.. command.Parts.Skip(walk.ArgumentsStart)]);
        Execute(context);
    }

    /// <summary>An item command (<c>add</c>, <c>set</c> …) other than <c>export</c>, which the root menu has too.</summary>
    private static bool IsItemCommand(string word) =>
        NameResolver.Resolve(word, CommandNames.All).Name is string name && name != CommandNames.Export;

    /// <summary>
    /// An item command at the root menu. Seeds 000 and 003 print bare <c>add action=… chain=input …</c> lines and leave
    /// the menu to the reader; <c>chain=</c> says they are filter rules, so by default they are read in
    /// <c>/ip firewall filter</c> with one warning for the file. Strict mode refuses each, as RouterOS would.
    /// </summary>
    private bool AssumeFilterMenu(CommandSyntax command, PathWalk walk)
    {
        bool hasChain = false;
        for (int i = walk.ArgumentsStart; i < command.Parts.Count; i++)
        {
            hasChain |= command.Parts[i] is { Kind: PartKind.Pair, Text: "chain" };
        }

        if (!hasChain)
        {
            _diagnostics.Error(walk.CommandLocation, DiagnosticCodes.UnknownCommand,
                $"bad command name {walk.CommandWord} (no menu is selected; start with a menu such as /ip firewall filter)");
            return false;
        }

        if (_diagnostics.Strict)
        {
            _diagnostics.Error(walk.CommandLocation, DiagnosticCodes.NoMenuSelected,
                $"bad command name {walk.CommandWord}: no menu selected (the chain= says /ip firewall filter; put that line before it)");
            return false;
        }

        if (!_assumedFilterMenu)
        {
            _assumedFilterMenu = true;
            _diagnostics.Warning(walk.CommandLocation, DiagnosticCodes.NoMenuSelected,
                "no menu selected; read as /ip firewall filter, the menu these rules belong to (this and every later such command)");
        }

        return true;
    }

    /// <summary>
    /// A command in a menu Sesame does not model (<c>/interface wireguard</c>, <c>/ip service</c>). A line of words
    /// that does not end in a command name is taken as a path, so the bare commands after it are skipped too.
    /// </summary>
    private void NotModelled(CommandSyntax command, PathWalk walk)
    {
        var words = new List<string> { walk.CommandWord! };
        words.AddRange(walk.TrailingSteps);
        bool onlyWords = true;
        for (int i = walk.ArgumentsStart; i < command.Parts.Count; i++)
        {
            if (command.Parts[i].Kind != PartKind.Word)
            {
                onlyWords = false;
                break;
            }

            words.Add(command.Parts[i].Text);
        }

        if (onlyWords && !CommandNames.All.Contains(words[^1]))
        {
            _current = [.. walk.Path, .. words];
            _lastInlinePath = null;
            _diagnostics.Warning(command.Location, DiagnosticCodes.MenuNotModelled,
                $"menu /{string.Join(' ', _current)} is not modelled; its commands are skipped");
            return;
        }

        string shown = MenuCatalog.IsKnown(walk.PathText) ? string.Join(' ', [.. walk.Path, walk.CommandWord!]) : walk.PathText;
        _diagnostics.Warning(command.Location, DiagnosticCodes.MenuNotModelled, $"menu /{shown} is not modelled; command skipped");
    }

    /// <summary>Follows the leading words of a command through the menu tree (spaces or <c>/</c> between steps, <c>..</c> up).</summary>
    private static PathWalk Walk(IReadOnlyList<CommandPart> parts, List<string> start)
    {
        var path = new List<string>(start);
        bool hasPath = false;
        int i = 0;
        for (; i < parts.Count && parts[i].Kind == PartKind.Word; i++)
        {
            string text = parts[i].Text;
            if (i == 0 && text.StartsWith('/'))
            {
                path.Clear();
                hasPath = true;
            }

            string[] steps = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (int k = 0; k < steps.Length; k++)
            {
                string step = steps[k];
                if (step == "..")
                {
                    if (path.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    hasPath = true;
                    continue;
                }

                string candidate = path.Count == 0 ? step : string.Join(' ', path) + " " + step;
                if (MenuCatalog.IsKnown(candidate))
                {
                    path.Add(step);
                    hasPath = true;
                    continue;
                }

                return new PathWalk(path, step, parts[i].Location, i + 1, hasPath) { TrailingSteps = steps[(k + 1)..] };
            }
        }

        return new PathWalk(path, null, parts.Count > 0 ? parts[0].Location : SourceLocation.None, i, hasPath);
    }
}
