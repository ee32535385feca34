using Sesame.RouterOS.Syntax;

namespace Sesame.Tests.Syntax;

public sealed class ScriptParserTests
{
    [Fact]
    public void Parse_SemicolonAndNewline_EndCommands()
    {
        IReadOnlyList<CommandSyntax> commands = Parse("/ip firewall filter; add chain=input\nprint");

        Assert.Equal(3, commands.Count);
        Assert.Equal(["/ip", "firewall", "filter"], commands[0].Parts.Select(p => p.Text));
        Assert.Equal((2, 1), (commands[2].Location.Line, commands[2].Location.Column));
    }

    [Fact]
    public void Parse_Arguments_PairsWordsUnsetsAndValues()
    {
        CommandSyntax command = Parse("set 0 !port chain=blah2 comment=\"x y\" log= src-address-list=!secured").Single();

        Assert.Equal([PartKind.Word, PartKind.Word, PartKind.Word, PartKind.Pair, PartKind.Pair, PartKind.Pair, PartKind.Pair],
            command.Parts.Select(p => p.Kind));
        Assert.Equal("!port", command.Parts[2].Text);
        Assert.Equal(("comment", "x y", true), (command.Parts[4].Text, command.Parts[4].Value!.Text, command.Parts[4].Value!.Quoted));
        Assert.Null(command.Parts[5].Value);
        Assert.Equal("!secured", command.Parts[6].Value!.Text);
    }

    [Fact]
    public void Parse_SpaceBeforeEquals_PairWithVariantWarning()
    {
        var diagnostics = new ScriptDiagnostics(strict: false);

        CommandSyntax command = ScriptParser.Parse(new SourceText("add address-list =888", "t.rsc"), diagnostics).Single();

        CommandPart pair = command.Parts[1];
        Assert.Equal((PartKind.Pair, "address-list", "888"), (pair.Kind, pair.Text, pair.Value!.Text));
        var d = Assert.Single(diagnostics.Bag.Items);
        Assert.Equal(("SES0105", 18, false), (d.Code, d.Location.Column, d.IsError));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_SpaceBeforeManyEquals_OneDiagnosticPerCommandNamingEach(bool strict)
    {
        var diagnostics = new ScriptDiagnostics(strict);

        IReadOnlyList<CommandSyntax> commands = ScriptParser.Parse(
            new SourceText("add action =drop chain=input address-list =x\nadd chain =forward\nadd chain=output", "t.rsc"), diagnostics);

        Assert.Equal(["action", "chain", "address-list"], commands[0].Parts.Skip(1).Select(p => p.Text));
        Assert.Equal(
            [("SES0105", 1, 12, strict), ("SES0105", 2, 11, strict)],
            diagnostics.Bag.Items.Select(d => (d.Code, d.Location.Line, d.Location.Column, d.IsError)));
        Assert.Contains("after action, address-list;", diagnostics.Bag.Items[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add src-address-list=!\"my list\"", "!my list", false)]
    [InlineData("add src-address-list=\"!my list\"", "!my list", true)]
    [InlineData("add src-address-list=!plain", "!plain", false)]
    public void Parse_BangBeforeQuotes_NegatedValueNotQuoted(string text, string value, bool quoted)
    {
        CommandPart pair = Parse(text).Single().Parts[1];

        Assert.Equal((value, quoted), (pair.Value!.Text, pair.Value.Quoted));
        Assert.Equal(2, Parse(text).Single().Parts.Count);
    }

    [Fact]
    public void Parse_BangThenBlankThenQuotes_TwoValues()
    {
        CommandSyntax command = Parse("add src-address-list=! \"x\"").Single();

        Assert.Equal([PartKind.Word, PartKind.Pair, PartKind.Value], command.Parts.Select(p => p.Kind));
    }

    [Fact]
    public void Parse_Substitutions_FindAndIndexedFind()
    {
        CommandSyntax command = Parse("add place-before=([find chain=input]->0) copy-from=[/ip firewall filter find\n comment=a]").Single();

        ValueSyntax indexed = command.Parts[1].Value!;
        Assert.Equal((ValueKind.Substitution, 0), (indexed.Kind, indexed.Index));
        Assert.Equal(["find", "chain"], indexed.Command!.Parts.Select(p => p.Text));
        ValueSyntax plain = command.Parts[2].Value!;
        Assert.Null(plain.Index);
        Assert.Equal(["/ip", "firewall", "filter", "find", "comment"], plain.Command!.Parts.Select(p => p.Text));
    }

    [Fact]
    public void Parse_WhereWithParentheses_KeepsThemAsParts()
    {
        CommandSyntax command = Parse("print where (list=a || list=b) and !dynamic").Single();

        Assert.Equal(
            [PartKind.Word, PartKind.Word, PartKind.OpenParen, PartKind.Pair, PartKind.Word, PartKind.Pair, PartKind.CloseParen, PartKind.Word, PartKind.Word],
            command.Parts.Select(p => p.Kind));
    }

    [Fact]
    public void Parse_GlobalCommand_RecognisedWithItsBrackets()
    {
        IReadOnlyList<CommandSyntax> commands = Parse(":foreach id in=[find list=a] do={ remove $id }\n:log info \"x\"\nadd");

        Assert.Equal([true, true, false], commands.Select(c => c.IsGlobal));
        Assert.Equal(":foreach", commands[0].Parts[0].Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_IndentedParameterLineWithoutBackslash_JoinedWithVariantDiagnostic(bool strict)
    {
        var diagnostics = new ScriptDiagnostics(strict);

        IReadOnlyList<CommandSyntax> commands = ScriptParser.Parse(new SourceText("add name=knock1  \n    regexp=\"^a\\$\"\nadd name=b", "t.rsc"), diagnostics);

        Assert.Equal(2, commands.Count);
        Assert.Equal(["add", "name", "regexp"], commands[0].Parts.Select(p => p.Text));
        var d = Assert.Single(diagnostics.Bag.Items);
        Assert.Equal(("SES0107", 2, 5, strict), (d.Code, d.Location.Line, d.Location.Column, d.IsError));
    }

    [Fact]
    public void Parse_IndentedLineAfterBlankLine_NotJoined()
    {
        IReadOnlyList<CommandSyntax> commands = Parse("add name=a\n\n    add name=b");

        Assert.Equal(2, commands.Count);
    }

    [Theory]
    [InlineData("add x=[find", "SES0103")]
    [InlineData("add ]", "SES0103")]
    [InlineData("add x=1 =3", "SES0104")]
    [InlineData("add x=(1+2)", "SES0104")]
    public void Parse_Malformed_Error(string text, string code)
    {
        var diagnostics = new ScriptDiagnostics(strict: false);

        ScriptParser.Parse(new SourceText(text, "t.rsc"), diagnostics);

        Assert.Contains(diagnostics.Bag.Items, d => d.Code == code && d.IsError);
    }

    private static IReadOnlyList<CommandSyntax> Parse(string text)
    {
        var diagnostics = new ScriptDiagnostics(strict: true);
        IReadOnlyList<CommandSyntax> commands = ScriptParser.Parse(new SourceText(text, "t.rsc"), diagnostics);
        Assert.Empty(diagnostics.Bag.Items);
        return commands;
    }
}
