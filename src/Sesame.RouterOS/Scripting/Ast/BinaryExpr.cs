namespace Sesame.RouterOS.Scripting.Ast;

/// <summary><c>left op right</c>; <see cref="Op"/> is RouterOS's spelling (<c>and</c> is stored as <c>&amp;&amp;</c>).</summary>
internal sealed class BinaryExpr(int position, string op, Expr left, Expr right) : Expr(position)
{
    public string Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override int Height { get; } = 1 + Math.Max(left.Height, right.Height);
}
