namespace Sesame.RouterOS.Scripting.Ast;

/// <summary><c>!x</c>, <c>-x</c>, <c>~x</c> (<c>not</c> is stored as <c>!</c>).</summary>
internal sealed class UnaryExpr(int position, string op, Expr operand) : Expr(position)
{
    public string Op { get; } = op;

    public Expr Operand { get; } = operand;

    public override int Height { get; } = 1 + operand.Height;
}
