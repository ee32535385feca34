using Sesame.Knock.Spa;

namespace Sesame.Tests.Spa;

public sealed class SpaUserNameTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("a.b-c_d@e")]
    [InlineData("x")]
    public void IsValid_FwknopName_True(string name) => Assert.True(SpaUserName.IsValid(name, out _));

    [Theory]
    [InlineData("")]
    [InlineData("al:ice")]
    [InlineData("al,ice")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    [InlineData("é")]
    [InlineData("a/b")]
    public void IsValid_ForbiddenCharacter_False(string name) => Assert.False(SpaUserName.IsValid(name, out _));

    [Fact]
    public void IsValid_64Characters_False()
    {
        Assert.True(SpaUserName.IsValid(new string('u', 63), out _));
        Assert.False(SpaUserName.IsValid(new string('u', 64), out string error));
        Assert.Contains("1..63", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsNeverEmpty() => Assert.NotEmpty(SpaUserName.Default());
}
