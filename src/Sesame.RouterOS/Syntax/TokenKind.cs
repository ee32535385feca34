namespace Sesame.RouterOS.Syntax;

internal enum TokenKind
{
    Word,
    String,
    Block,
    Equals,
    NotEquals,
    Tilde,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Semicolon,
    EndOfLine,
    EndOfFile,
}
