using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

/// <summary>
/// One console command as written: path steps, command name and arguments are all still <see cref="PartKind.Word"/>
/// parts, because only the menu tree can tell a path step from a command (the interpreter resolves them).
/// </summary>
/// <param name="IsGlobal">A <c>:</c> command (<c>:log</c>, <c>:foreach</c> …); recognised, never executed.</param>
internal sealed record CommandSyntax(SourceLocation Location, IReadOnlyList<CommandPart> Parts, bool IsGlobal);
