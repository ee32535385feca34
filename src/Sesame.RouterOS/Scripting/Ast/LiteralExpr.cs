using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>A constant. <see cref="Word"/> is the text of an unquoted word (a variable's name in <c>:local x</c>), else null.</summary>
internal sealed class LiteralExpr(int position, RosValue value, string? word) : Expr(position)
{
    public RosValue Value { get; } = value;

    public string? Word { get; } = word;
}
