namespace Sesame.RouterOS.Scripting.Ast;

/// <summary><c>{1;2;3}</c> or <c>{a=1;b=2}</c>: elements with a key (a word) or without.</summary>
internal sealed class ArrayExpr(int position, IReadOnlyList<KeyValuePair<string?, Expr>> items) : Expr(position)
{
    public IReadOnlyList<KeyValuePair<string?, Expr>> Items { get; } = items;
}
