namespace Sesame.RouterOS.Scripting.Ast;

internal enum StatementKind
{
    /// <summary><c>:put</c>, <c>:local</c>, … (<see cref="Statement.Name"/> without the colon).</summary>
    Global,

    /// <summary>A menu command: <c>/ip firewall address-list add …</c> or <c>add …</c> in the current menu.</summary>
    Menu,

    /// <summary>A path alone: changes the current menu (<c>/ip firewall address-list</c>).</summary>
    ChangeMenu,

    /// <summary><c>$function arg=…</c>.</summary>
    Call,

    /// <summary><c>{ … }</c> on its own.</summary>
    Block,
}
