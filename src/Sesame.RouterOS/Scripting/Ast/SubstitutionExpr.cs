namespace Sesame.RouterOS.Scripting.Ast;

/// <summary><c>[ command ]</c>: the value of the last command inside.</summary>
internal sealed class SubstitutionExpr(int position, Block body) : Expr(position)
{
    public Block Body { get; } = body;
}
