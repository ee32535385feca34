namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>Something that gives a value: a literal, a variable, <c>[ … ]</c>, <c>( … )</c>, a string, an array, code.</summary>
internal abstract class Expr(int position) : Node(position)
{
    /// <summary>How deep the tree under this node is: the parser bounds it, so walking it recursively stays shallow.</summary>
    public virtual int Height => 1;
}
