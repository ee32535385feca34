namespace Sesame.RouterOS.Console;

/// <summary>Commands of item menus (ROUTEROS.md §1.4) and the parameters each takes besides the menu's properties.</summary>
internal static class CommandNames
{
    public const string Add = "add";
    public const string Comment = "comment";
    public const string Disable = "disable";
    public const string Enable = "enable";
    public const string Export = "export";
    public const string Find = "find";
    public const string Get = "get";
    public const string Move = "move";
    public const string Print = "print";
    public const string Remove = "remove";
    public const string ResetCounters = "reset-counters";
    public const string ResetCountersAll = "reset-counters-all";
    public const string Set = "set";

    public static readonly IReadOnlyList<string> All =
        [Add, Comment, Disable, Enable, Export, Find, Get, Move, Print, Remove, ResetCounters, ResetCountersAll, Set];

    /// <summary>Print's own arguments (ROUTEROS.md §1.4); they change the output only, which Sesame does not produce.</summary>
    public static readonly IReadOnlyList<string> PrintArguments =
    [
        "detail", "brief", "terse", "value-list", "as-value", "count-only", "stats", "all", "static", "dynamic",
        "show-ids", "proplist", "order-by", "without-paging", "file", "from", "interval", "follow", "follow-only",
        "append", "where",
    ];
}
