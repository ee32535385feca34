using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

/// <param name="Text">A word's characters, a string's unescaped value, or a block's inner text (trimmed).</param>
/// <param name="SpaceBefore">Whether blanks (or a line start) precede the token; <c>name =value</c> and <c>name= value</c> depend on it.</param>
/// <param name="Inner">For a block: where its trimmed inner text starts, so that a script's own positions map to the file.</param>
internal readonly record struct Token(TokenKind Kind, string Text, SourceLocation Location, bool SpaceBefore, SourceLocation? Inner = null);
