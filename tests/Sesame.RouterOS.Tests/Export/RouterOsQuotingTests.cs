using Sesame.RouterOS.Export;

namespace Sesame.Tests.Export;

public sealed class RouterOsQuotingTests
{
    [Theory]
    [InlineData("input", "input")]
    [InlineData("add-src-to-address-list", "add-src-to-address-list")]
    [InlineData("21,22,10000-60000", "21,22,10000-60000")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("a!b", "a!b")]
    [InlineData("", "\"\"")]
    [InlineData("!secured", "\"!secured\"")]
    [InlineData("office IP", "\"office IP\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("[find]", "\"[find]\"")]
    [InlineData("{x}", "\"{x}\"")]
    [InlineData("(x)", "\"(x)\"")]
    [InlineData("a`b", "\"a`b\"")]
    [InlineData("why?", "\"why?\"")]
    [InlineData("#1", "\"#1\"")]
    [InlineData("^passphrase$", "\"^passphrase\\$\"")]
    [InlineData("^passphrase/$", "\"^passphrase/\\$\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"\x13", "\"\\\\x13\"")]
    [InlineData("a\r\nb", "\"a\\r\\nb\"")]
    [InlineData("a\tb", "\"a\\tb\"")]
    [InlineData("bell\u0007", "\"bell\\07\"")]
    [InlineData("del\u007F", "\"del\\7F\"")]
    [InlineData("é", "\"\\C3\\A9\"")]
    [InlineData("€", "\"\\E2\\82\\AC\"")]
    [InlineData("😀", "\"\\F0\\9F\\98\\80\"")]
    public void Format_Value_QuotedAndEscapedOnlyWhenNeeded(string value, string expected)
    {
        Assert.Equal(expected, RouterOsQuoting.Format(value));
    }

    [Fact]
    public void Format_BytesThatAreNotUtf8_WrittenAsTheBytes()
    {
        string value = Sesame.Text.RouterOsBytes.GetString([0xFF, 0x41, 0xC3, 0xA9, 0xC3]);

        Assert.Equal("\"\\FFA\\C3\\A9\\C3\"", RouterOsQuoting.Format(value));
    }

    [Theory]
    [InlineData(true, "secured", "!secured")]
    [InlineData(false, "secured", "secured")]
    [InlineData(true, "my list", "!\"my list\"")]
    [InlineData(true, "!odd", "!\"!odd\"")]
    [InlineData(false, "!odd", "\"!odd\"")]
    public void Format_Negated_ExclamationStaysOutsideQuotes(bool negated, string value, string expected)
    {
        Assert.Equal(expected, RouterOsQuoting.Format(negated, value));
    }
}
