using Sesame.Linux.Nftables;
using Sesame.Model;

namespace Sesame.Tests.Nftables;

public sealed class NftTextWriterTests
{
    [Theory]
    [InlineData("ether1", "\"ether1\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("a}b{", "\"a}b{\"")]
    [InlineData("# not a comment", "\"# not a comment\"")]
    [InlineData(@"back\slash\", "\"back\\slash\\\"")]
    [InlineData("ünïcode 🔑", "\"ünïcode 🔑\"")]
    public void Text_QuotedValueNftReadsAsItIs_IsQuotedUnchanged(string value, string expected)
    {
        Assert.Equal(expected, NftTextWriter.Text(value, NftTextKind.Quoted, "the test value"));
    }

    [Theory]
    [InlineData("a\nadd table ip evil", "a line break")]
    [InlineData("a\rb", "a line break")]
    [InlineData("a\u2028b", "a line break")]
    [InlineData("a\"b", "a double quote")]
    [InlineData("a\0b", "a NUL byte")]
    [InlineData("a\u001b[31mb", "U+001B")]
    [InlineData("a\tb", "U+0009")]
    public void Text_QuotedValueNftCannotHold_IsRefusedNamingTheOwner(string value, string problem)
    {
        NftException e = Assert.Throws<NftException>(() => NftTextWriter.Text(value, NftTextKind.Quoted, "the log prefix of rule 7"));

        Assert.Contains("the log prefix of rule 7", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_LoneSurrogate_IsRefusedInQuotesAndEscapedInComments()
    {
        string broken = "a" + (char)0xD800 + "b";

        Assert.Contains("broken UTF-16", Assert.Throws<NftException>(() => NftTextWriter.Text(broken, NftTextKind.Quoted, "a value")).Message, StringComparison.Ordinal);
        Assert.Equal(@"a\ud800b", NftTextWriter.Text(broken, NftTextKind.Comment, "a comment"));
    }

    [Theory]
    [InlineData("v4_port-knock")]
    [InlineData("2001:db8::/32")]
    [InlineData("0xdfdf")]
    [InlineData("@v4_secured")]
    public void Text_Word_IsWrittenBare(string value)
    {
        Assert.Equal(value, NftTextWriter.Text(value, NftTextKind.Word, "a name"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("a}")]
    [InlineData("a#")]
    [InlineData("a\"")]
    [InlineData("a\\")]
    [InlineData("a\0")]
    [InlineData("a\n")]
    [InlineData("a\u001b")]
    public void Text_WordWithAnythingButAToken_IsRefused(string value)
    {
        Assert.Throws<NftException>(() => NftTextWriter.Text(value, NftTextKind.Word, "a name"));
    }

    [Theory]
    [InlineData("admins \"always\"; } #", "admins \"always\"; } #")]
    [InlineData("a\nadd table ip evil", @"a\x0aadd table ip evil")]
    [InlineData("nul\0esc\u001b", @"nul\x00esc\x1b")]
    [InlineData(@"a\x0a", @"a\\x0a")]
    [InlineData("ls\u2028", @"ls\u2028")]
    public void Text_Comment_EscapesWhatWouldEndOrHideTheLine(string value, string expected)
    {
        Assert.Equal(expected, NftTextWriter.Text(value, NftTextKind.Comment, "a comment"));
    }

    [Fact]
    public void Text_OneMegabyte_QuotedWholeOrRefusedForOneBadCharacter()
    {
        string big = new('a', 1 << 20);

        Assert.Equal((1 << 20) + 2, NftTextWriter.Text(big, NftTextKind.Quoted, "a value").Length);
        NftException e = Assert.Throws<NftException>(() => NftTextWriter.Text(big + "\n", NftTextKind.Quoted, "a value"));
        Assert.Contains("offset 1048576", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", NftTextWriter.Text(big + "\n", NftTextKind.Comment, "a comment"), StringComparison.Ordinal);
    }

    [Fact]
    public void Script_HostileChainCommentAndListNames_StayInsideTheirLines()
    {
        const string evil = "x\n;add table ip evil { }\nadd rule inet sesame input accept #\"\\\u001b";
        var rules = new FilterRule[]
        {
            new() { Chain = "input", Action = FilterAction.Jump, JumpTarget = evil, Comment = evil },
            new() { Chain = evil, Action = FilterAction.AddSrcToAddressList, AddressList = evil, Comment = evil },
            new() { Chain = evil, Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is(evil) },
        };

        string script = NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [.. rules] }).Script;

        foreach (string line in script.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(@"^(# |(add|flush|delete) (table|chain|set|element|counter|rule) inet sesame( |$))", line);
        }

        Assert.Single(script.Split('\n'), l => l.StartsWith("add table", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pre\"fix")]
    [InlineData("pre\nfix")]
    public void Script_LogPrefixNftTextCannotHold_IsRefusedNamingTheChain(string prefix)
    {
        var rule = new FilterRule { Chain = "input", Action = FilterAction.Log, LogPrefix = prefix };

        NftCompilation compilation = NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] });

        NftException e = Assert.Throws<NftException>(() => compilation.Script);
        Assert.Contains("the log prefix of a rule of chain v4_input", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_InterfaceNameWithNewline_IsRefused()
    {
        var rule = new FilterRule { Chain = "input", Action = FilterAction.Drop, InInterface = Negatable<string>.Is("eth\n0") };

        NftCompilation compilation = NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] });

        Assert.Contains("an interface name", Assert.Throws<NftException>(() => compilation.Script).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InterfaceNameEndingWithStar_IsALiteralNameNotAWildcard()
    {
        // nftables reads a trailing * as "any name with this prefix"; RouterOS names have no wildcards. Checked in a
        // namespace: "eth\*" compiles to a 16-byte compare of the literal "eth*".
        var rule = new FilterRule { Chain = "input", Action = FilterAction.Drop, InInterface = Negatable<string>.Is("eth*") };

        string script = NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] }).Script;

        Assert.Contains("iifname \"eth\\*\" counter", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InterfaceNameStartingWithAt_IsRefusedSinceJsonWouldReadASet()
    {
        var rule = new FilterRule { Chain = "input", Action = FilterAction.Drop, InInterface = Negatable<string>.Is("@if_WAN") };

        Assert.Throws<NftException>(() => NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] }));
    }

    [Fact]
    public void Compile_TimeoutWithAFractionOfASecond_IsRoundedUpToWholeSeconds()
    {
        var rule = new FilterRule
        {
            Chain = "input",
            Action = FilterAction.AddSrcToAddressList,
            AddressList = "k",
            AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMilliseconds(1500)),
        };

        string script = NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] }).Script;

        Assert.Contains("update @v4_k { ip saddr timeout 2s }", script, StringComparison.Ordinal);
    }
}
