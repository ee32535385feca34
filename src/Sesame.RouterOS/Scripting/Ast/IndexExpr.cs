namespace Sesame.RouterOS.Scripting.Ast;

/// <summary><c>$array-&gt;key</c>.</summary>
internal sealed class IndexExpr(int position, Expr target, Expr key) : Expr(position)
{
    public Expr Target { get; } = target;

    public Expr Key { get; } = key;

    public override int Height { get; } = 1 + Math.Max(target.Height, key.Height);
}
