namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>A piece of a parsed script; <see cref="Position"/> is its character offset in the script's source.</summary>
internal abstract class Node(int position)
{
    public int Position { get; } = position;
}
