using Sesame.Diagnostics;

namespace Sesame.RouterOS.Console;

/// <summary>Where a command's leading words lead: the menu path, and the first word that is not a menu (the command).</summary>
/// <param name="Path">The menu reached, as words.</param>
/// <param name="CommandWord">The command name, or null for a line that is only a path.</param>
/// <param name="ArgumentsStart">The index of the first part after the command word.</param>
/// <param name="HasPath">Whether the command names a path of its own (absolute, relative or <c>..</c>).</param>
internal sealed record PathWalk(List<string> Path, string? CommandWord, SourceLocation CommandLocation, int ArgumentsStart, bool HasPath)
{
    /// <summary>Steps after the command word inside the same <c>/a/b/c</c> word (normally none).</summary>
    public IReadOnlyList<string> TrailingSteps { get; init; } = [];

    public string PathText => string.Join(' ', Path);
}
