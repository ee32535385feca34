namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>A code block given as a value: <c>do={…}</c>, <c>else={…}</c>, <c>on-error={…}</c>, <c>:do {…}</c>.</summary>
internal sealed class CodeExpr(int position, Block body) : Expr(position)
{
    public Block Body { get; } = body;
}
