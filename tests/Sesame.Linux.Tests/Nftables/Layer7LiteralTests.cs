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
