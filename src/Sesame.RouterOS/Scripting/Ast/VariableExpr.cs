namespace Sesame.RouterOS.Scripting.Ast;

/// <summary><c>$name</c>.</summary>
internal sealed class VariableExpr(int position, string name) : Expr(position)
{
    public string Name { get; } = name;
}
