namespace Sesame.RouterOS.Scripting.Ast;

/// <summary>Statements in order; a <c>:local</c> declared in it lives until its end.</summary>
internal sealed class Block(int position, IReadOnlyList<Statement> statements) : Node(position)
{
    public IReadOnlyList<Statement> Statements { get; } = statements;
}
