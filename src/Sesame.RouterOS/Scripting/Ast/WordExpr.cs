using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>
/// An unquoted word in a <c>find</c>/<c>where</c> condition: an item's property when the item has one of that name
/// (<c>list</c>, <c>dynamic</c>), else the word as a value (<c>knock2</c>).
/// </summary>
internal sealed class WordExpr(int position, string text, RosValue literal) : Expr(position)
{
    public string Text { get; } = text;

    public RosValue Literal { get; } = literal;
}
