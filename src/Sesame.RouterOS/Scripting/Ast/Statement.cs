namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>One command.</summary>
internal sealed class Statement(int position, StatementKind kind, string name) : Node(position)
{
    public StatementKind Kind { get; } = kind;

    /// <summary>The global command (<c>put</c>), the menu command (<c>add</c>), or the called variable.</summary>
    public string Name { get; } = name;

    /// <summary>Where the command's own word is (<c>add</c> of <c>/ip firewall address-list add</c>); a host's refusal points there.</summary>
    public int CommandPosition { get; init; } = position;

    /// <summary>For an absolute menu command or a menu change: the resolved menu path (<c>ip firewall address-list</c>); null for a command in the current menu.</summary>
    public string? Path { get; init; }

    /// <summary>Whether <see cref="Path"/> is a menu Sesame can run commands of.</summary>
    public bool KnownPath { get; init; }

    public IReadOnlyList<Argument> Arguments { get; init; } = [];

    /// <summary>The condition of <c>find</c>/<c>print</c> (arguments and <c>where</c>), or null.</summary>
    public Expr? Condition { get; init; }

    /// <summary>The body of a <see cref="StatementKind.Block"/> statement.</summary>
    public Block? Body { get; init; }

    /// <summary>Set by the parser when the statement ended at a command that followed it on the same line.</summary>
    public bool SplitFromLine { get; init; }

    /// <summary>
    /// The interpreter's cache of the named arguments resolved against a command's argument names (the statement is
    /// parsed once and run many times; abbreviations are resolved once).
    /// </summary>
    internal (string[] Known, Expr?[] Values)? ResolvedArguments { get; set; }
}
