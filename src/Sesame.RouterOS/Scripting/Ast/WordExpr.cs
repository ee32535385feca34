using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>
/// An unquoted word in a <c>find</c>/<c>where</c> condition. On the left of a comparison or alone (a flag such as
/// <c>dynamic</c>) it names an item's property, maybe abbreviated (<see cref="IsProperty"/>); on the right it is a value
/// (<c>list=knock2</c>).
/// </summary>
internal sealed class WordExpr(int position, string text, RosValue literal, bool isProperty = false) : Expr(position)
{
    public string Text { get; } = text;

    public RosValue Literal { get; } = literal;

    public bool IsProperty { get; } = isProperty;

    public WordExpr AsProperty() => IsProperty ? this : new WordExpr(Position, Text, Literal, true);
}
