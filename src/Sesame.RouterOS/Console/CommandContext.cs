using Sesame.Diagnostics;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

/// <summary>One resolved command: the menu it runs in, its full name and the parts after the command word.</summary>
internal sealed record CommandContext(MenuState Menu, string Name, CommandSyntax Syntax, SourceLocation NameLocation, IReadOnlyList<CommandPart> Arguments)
{
    public MenuDefinition Definition => Menu.Definition;
}
