using Sesame.RouterOS;

namespace Sesame.Tests;

public sealed class RouterOsScriptTests
{
    [Theory]
    [InlineData("\"")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("]]]")]
    [InlineData("(((")]
    [InlineData("=")]
    [InlineData("add x=\"\\")]
    [InlineData("/ip firewall filter\nadd place-before=([find]->99)")]
    [InlineData("/ip firewall filter\nremove [/ip firewall address-list find]")]
    [InlineData("/ip firewall filter\nremove [:put 1]")]
    [InlineData("/ip firewall filter\nprint where ((((comment=a")]
    [InlineData("/ip firewall filter\nprint where and or not")]
    [InlineData("/ip firewall filter\nmove")]
    [InlineData("/ip firewall filter\ncomment 0")]
    [InlineData("/ip firewall filter\nadd chain=input dst-port=[:resolve x]")]
    public void Parse_Malformed_ReportsErrorsAndDoesNotThrow(string text)
    {
        ScriptResult result = Scripts.Parse(text);

        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Parse_DeepNesting_BoundedError()
    {
        string brackets = "/ip firewall filter\nremove " + new string('[', 5000) + "find";
        string parens = "/ip firewall filter\nprint where " + string.Concat(Enumerable.Repeat("!(", 5000)) + "disabled";

        Assert.Contains(Scripts.Parse(brackets).Diagnostics, d => d.Message.Contains("nested deeper", StringComparison.Ordinal));
        Assert.Contains(Scripts.Parse(parens).Diagnostics, d => d.Message.Contains("nested deeper", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_EmptyScript_EmptyConfig()
    {
        ScriptResult result = Scripts.Parse("# nothing here\n\n");

        Assert.Equal(Sesame.Model.FirewallConfig.Empty, result.Config);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Parse_Diagnostics_SortedByLineAndColumn()
    {
        ScriptResult result = Scripts.Parse("/ip firewall filter\nadd chain=input protocol=tcp dst-port=99999 src-address=x\nadd chain=in a =b\n:log info x");

        Assert.Equal(result.Diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column), result.Diagnostics);
        Assert.Equal(4, result.Diagnostics[^1].Location.Line);
    }
}
