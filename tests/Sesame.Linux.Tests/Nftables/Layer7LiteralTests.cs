using System.Text;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Nftables;

public sealed class Layer7LiteralTests
{
    [Theory]
    [InlineData("^passphrase$", "passphrase", true)]
    [InlineData("^passphrase/$", "passphrase/", true)]
    [InlineData("^knock", "knock", false)]
    [InlineData(@"^a\.b\$c$", "a.b$c", true)]
    [InlineData(@"^\x13bit", "\u0013bit", false)]
    public void TryParse_Literal_ResolvesEscapes(string regexp, string text, bool exact)
    {
        Assert.True(Layer7Literal.TryParse(regexp, out Layer7Literal? literal));

        Assert.Equal(Encoding.Latin1.GetBytes(text), literal.Text);
        Assert.Equal(exact, literal.Exact);
    }

    /// <summary>A pattern is its bytes: é typed or written \C3\A9 in RouterOS (the same model string) is C3 A9.</summary>
    [Fact]
    public void TryParse_NonAsciiPattern_ComparesItsUtf8BytesWithoutFolding()
    {
        Assert.True(Layer7Literal.TryParse("^caf\u00e9$", out Layer7Literal? literal));
        Assert.Equal("caf\u00e9"u8.ToArray(), literal.Text);
        Assert.Equal(["@th,64,40 & 0xdfdfdfffff == 0x434146c3a9"], literal.PayloadMatches("@th", 64));

        Assert.True(Layer7Literal.TryParse(Sesame.Text.RouterOsBytes.GetString([(byte)'^', 0xFF, 0xE9]), out literal));
        Assert.Equal([0xFF, 0xE9], literal.Text);
    }

    [Theory]
    [InlineData("passphrase")]
    [InlineData("^pass.*$")]
    [InlineData("^(a|b)$")]
    [InlineData("^a$b")]
    [InlineData(@"^\d+")]
    [InlineData(@"^a\x00")]
    [InlineData("^$")]
    [InlineData("^a\\")]
    public void TryParse_GeneralRegex_IsRefused(string regexp)
    {
        Assert.False(Layer7Literal.TryParse(regexp, out _));
    }

    [Fact]
    public void PayloadMatches_LongText_SplitsInto128BitPiecesFoldingLettersOnly()
    {
        Assert.True(Layer7Literal.TryParse("^supersecretpassword1$", out Layer7Literal? literal));

        string[] matches = [.. literal.PayloadMatches("@th", 64)];

        Assert.Equal(
            [
                "@th,64,128 & 0xdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdf == 0x53555045525345435245545041535357",
                "@th,192,32 & 0xdfdfdfff == 0x4f524431",
            ],
            matches);
    }
}
