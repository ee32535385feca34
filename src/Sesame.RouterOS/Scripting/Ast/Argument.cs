namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>A command's argument: <c>name=value</c> (<see cref="Name"/> as written, maybe abbreviated) or an unnamed value.</summary>
internal sealed class Argument(int position, string? name, Expr? value) : Node(position)
{
    public string? Name { get; } = name;

    /// <summary>Null for a name alone (<c>count-only</c>, <c>name=</c> with nothing after it is an empty string).</summary>
    public Expr? Value { get; } = value;
}
