using Sesame.RouterOS.Syntax;

namespace Sesame.Tests.Syntax;

public sealed class LexerTests
{
    [Theory]
    [InlineData("address-list-timeout=\\\n    10s", "address-list-timeout", "10s")]
    [InlineData("address-list-timeout=\\  \n    10s", "address-list-timeout", "10s")]
    [InlineData("address-list-timeout=\\\r\n\t10s", "address-list-timeout", "10s")]
    [InlineData("layer7-protocol=\\\r    knock2", "layer7-protocol", "knock2")]
    [InlineData("comment=\"one \\\n    two\"", "comment", "one two")]
    [InlineData("source=\":log info a\\r\\\n\t\\n:log info b\"", "source", ":log info a\r\n:log info b")]
    public void Tokenize_LineContinuation_ReadAsNothing(string text, string name, string value)
    {
        List<Token> tokens = Tokenize(text);

        Assert.Equal(name, tokens[0].Text);
        Assert.Equal(TokenKind.Equals, tokens[1].Kind);
        Assert.Equal(value, tokens[2].Text);
        Assert.Equal(TokenKind.EndOfFile, tokens[3].Kind);
    }

    /// <summary>RouterOS strings are bytes: \XX escapes and typed characters give the same bytes, and bytes that are not UTF-8 are kept.</summary>
    [Theory]
    [InlineData("\\C3\\A9", new byte[] { 0xC3, 0xA9 })]
    [InlineData("\u00e9", new byte[] { 0xC3, 0xA9 })]
    [InlineData("\\FF\\FE", new byte[] { 0xFF, 0xFE })]
    [InlineData("\\E9t\\C3\\A9", new byte[] { 0xE9, 0x74, 0xC3, 0xA9 })]
    public void Tokenize_ByteEscapes_KeepTheBytes(string inner, byte[] bytes)
    {
        var diagnostics = new ScriptDiagnostics(strict: true);

        List<Token> tokens = Lexer.Tokenize(new SourceText("\"" + inner + "\"", "t.rsc"), diagnostics);

        Assert.Equal(bytes, Sesame.Text.RouterOsBytes.GetBytes(tokens[0].Text));
        Assert.Equal(bytes[0] == 0xC3 ? "\u00e9" : tokens[0].Text, tokens[0].Text);
        Assert.Empty(diagnostics.Bag.Items);
    }

    [Theory]
    [InlineData("\\\"", "\"")]
    [InlineData("\\\\", "\\")]
    [InlineData("\\n", "\n")]
    [InlineData("\\r", "\r")]
    [InlineData("\\t", "\t")]
    [InlineData("\\$", "$")]
    [InlineData("\\_", " ")]
    [InlineData("\\a", "\a")]
    [InlineData("\\b", "\b")]
    [InlineData("\\f", "\f")]
    [InlineData("\\v", "\v")]
    [InlineData("\\41\\7A", "Az")]
    [InlineData("\\D0\\9F\\D1\\80", "Пр")]
    [InlineData("a#b", "a#b")]
    public void Tokenize_StringEscape_Unescaped(string inner, string expected)
    {
        var diagnostics = new ScriptDiagnostics(strict: true);

        List<Token> tokens = Lexer.Tokenize(new SourceText("\"" + inner + "\"", "t.rsc"), diagnostics);

        Assert.Equal((TokenKind.String, expected), (tokens[0].Kind, tokens[0].Text));
        Assert.Empty(diagnostics.Bag.Items);
    }

    [Theory]
    [InlineData("x=\"a\\0ab\"", 5)]
    [InlineData("x=\"\\q\"", 4)]
    [InlineData("x=\"\\?\"", 4)]
    public void Tokenize_BadEscape_ErrorAtTheBackslash(string text, int column)
    {
        var diagnostics = new ScriptDiagnostics(strict: false);

        Lexer.Tokenize(new SourceText(text, "t.rsc"), diagnostics);

        var d = Assert.Single(diagnostics.Bag.Items);
        Assert.Equal(("SES0102", 1, column), (d.Code, d.Location.Line, d.Location.Column));
        Assert.True(d.IsError);
    }

    [Fact]
    public void Tokenize_UnterminatedString_ErrorAndNextLineStillRead()
    {
        var diagnostics = new ScriptDiagnostics(strict: false);

        List<Token> tokens = Lexer.Tokenize(new SourceText("comment=\"open\nadd", "t.rsc"), diagnostics);

        var d = Assert.Single(diagnostics.Bag.Items);
        Assert.Equal(("SES0101", 1, 9), (d.Code, d.Location.Line, d.Location.Column));
        Assert.Contains(tokens, t => t is { Kind: TokenKind.Word, Text: "add" } && t.Location.Line == 2);
    }

    [Theory]
    [InlineData("regexp=\"^passphrase$\"", 20)]
    [InlineData("regexp=\"^a$|b\"", 11)]
    [InlineData("regexp=\"^a$(b)\"", 11)]
    public void Tokenize_UnescapedDollar_LiteralWithVariantDiagnostic(string text, int column)
    {
        foreach (bool strict in new[] { false, true })
        {
            var diagnostics = new ScriptDiagnostics(strict);

            List<Token> tokens = Lexer.Tokenize(new SourceText(text, "t.rsc"), diagnostics);

            Assert.Contains("$", tokens[2].Text, StringComparison.Ordinal);
            var d = Assert.Single(diagnostics.Bag.Items);
            Assert.Equal(("SES0106", column, strict), (d.Code, d.Location.Column, d.IsError));
        }
    }

    [Theory]
    [InlineData("comment=\"cost $5 $name_1 end\"", "cost   end", new[] { 15, 18 })]
    [InlineData("regexp=\"^a$b\"", "^a", new[] { 11 })]
    public void Tokenize_DollarName_SubstitutedByNothingWithWarning(string text, string expected, int[] columns)
    {
        foreach (bool strict in new[] { false, true })
        {
            var diagnostics = new ScriptDiagnostics(strict);

            List<Token> tokens = Lexer.Tokenize(new SourceText(text, "t.rsc"), diagnostics);

            // ROUTEROS.md §1.8: RouterOS substitutes $name when it reads the line; a configuration line defines no
            // variable, so it is nothing. RouterOS accepts it, so it is a warning even with --strict.
            Assert.Equal(expected, tokens[2].Text);
            Assert.Equal(columns, diagnostics.Bag.Items.Select(d => d.Location.Column));
            Assert.All(diagnostics.Bag.Items, d => Assert.Equal(("SES0106", false), (d.Code, d.IsError)));
            Assert.Contains("expands to nothing", diagnostics.Bag.Items[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Tokenize_Comments_SkippedButNotInsideStrings()
    {
        List<Token> tokens = Tokenize("# header \\\nadd comment=\"a # b\" # trailing\n");

        Assert.Equal(
            [TokenKind.EndOfLine, TokenKind.Word, TokenKind.Word, TokenKind.Equals, TokenKind.String, TokenKind.EndOfLine, TokenKind.EndOfFile],
            tokens.Select(t => t.Kind));
        Assert.Equal("a # b", tokens[4].Text);
    }

    [Theory]
    [InlineData("a\nb\nc")]
    [InlineData("a\r\nb\r\nc")]
    [InlineData("a\rb\rc")]
    public void Tokenize_LineEndings_EachStartsALine(string text)
    {
        List<Token> words = [.. Tokenize(text).Where(t => t.Kind == TokenKind.Word)];

        Assert.Equal([(1, 1), (2, 1), (3, 1)], words.Select(w => (w.Location.Line, w.Location.Column)));
    }

    [Fact]
    public void Tokenize_Block_InnerTextVerbatimAndTrimmed()
    {
        const string text = "source={\n  :log info \"}{ $x\"\n  # a } in a comment\n  :if (1) do={ :put $y }\n}";

        List<Token> tokens = Tokenize(text);

        Token block = tokens[2];
        Assert.Equal(TokenKind.Block, block.Kind);
        Assert.Equal(":log info \"}{ $x\"\n  # a } in a comment\n  :if (1) do={ :put $y }", block.Text);
        Assert.Equal(TokenKind.EndOfFile, tokens[3].Kind);
    }

    [Fact]
    public void Tokenize_UnclosedBlock_Error()
    {
        var diagnostics = new ScriptDiagnostics(strict: false);

        Lexer.Tokenize(new SourceText("add source={ :put 1", "t.rsc"), diagnostics);

        Assert.Equal(("SES0103", 12), (diagnostics.Bag.Items[0].Code, diagnostics.Bag.Items[0].Location.Column));
    }

    [Fact]
    public void Tokenize_NotEqualsAndTilde_Operators()
    {
        List<Token> tokens = Tokenize("comment!=x list~\"^a\"");

        Assert.Equal(
            [TokenKind.Word, TokenKind.NotEquals, TokenKind.Word, TokenKind.Word, TokenKind.Tilde, TokenKind.String, TokenKind.EndOfFile],
            tokens.Select(t => t.Kind));
    }

    [Theory]
    [InlineData("a", 0xD83D, 0, "a\uFFFD")]
    [InlineData("", 0xD83D, 0xDE00, "\U0001F600")]
    [InlineData("", 0xDE00, 'x', "\uFFFDx")]
    public void Tokenize_StringWithSurrogates_PairKeptLoneHalfReplaced(string before, int first, int second, string value)
    {
        // Built here because attribute arguments cannot carry a lone surrogate. A lone high surrogate before the
        // closing quote once swallowed the quote with it.
        string after = second == 0 ? "" : ((char)second).ToString();
        List<Token> tokens = Tokenize("\"" + before + (char)first + after + "\"");

        Assert.Equal((TokenKind.String, value), (tokens[0].Kind, tokens[0].Text));
        Assert.Equal(TokenKind.EndOfFile, tokens[1].Kind);
    }

    private static List<Token> Tokenize(string text)
    {
        var diagnostics = new ScriptDiagnostics(strict: true);
        List<Token> tokens = Lexer.Tokenize(new SourceText(text, "t.rsc"), diagnostics);
        Assert.Empty(diagnostics.Bag.Items);
        return tokens;
    }
}
