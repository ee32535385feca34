namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>A quoted string with substitutions (<c>"granted $ip"</c>): its parts are joined as text.</summary>
internal sealed class StringExpr(int position, IReadOnlyList<Expr> parts) : Expr(position)
{
    public IReadOnlyList<Expr> Parts { get; } = parts;
}
