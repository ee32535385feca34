namespace Sesame.RouterOS.Syntax;

internal enum PartKind
{
    /// <summary>A bare word: a path step, the command name, an unnamed argument, a flag or an expression keyword.</summary>
    Word,

    /// <summary><c>name=value</c>, <c>name!=value</c> or <c>name~value</c>.</summary>
    Pair,

    /// <summary>An unnamed quoted string, braced block or <c>[ … ]</c> substitution.</summary>
    Value,

    OpenParen,

    CloseParen,
}
