using Sesame.Linux.Nftables;

namespace Sesame.Tests.Nftables;

public sealed class NftErrnoTests
{
    [Theory]
    [InlineData(2, NftError.NotFound)]
    [InlineData(17, NftError.Exists)]
    [InlineData(23, NftError.SetFull)]
    [InlineData(28, NftError.NoSpace)]
    [InlineData(1, NftError.NotPermitted)]
    [InlineData(13, NftError.NotPermitted)]
    [InlineData(22, NftError.Invalid)]
    [InlineData(34, NftError.Invalid)]
    [InlineData(95, NftError.NotSupported)]
    [InlineData(16, NftError.Busy)]
    [InlineData(11, NftError.Unknown)]
    [InlineData(0, NftError.Unknown)]
    public void Classify_Errno_GivesItsMeaning(int errno, NftError expected)
    {
        Assert.Equal(expected, NftErrno.Classify(errno));
        Assert.Equal(expected, new NftException("text that says nothing", errno).Error);
    }

    [Fact]
    public void Error_MessageThatLooksLikeAnErrno_IsNotReadAsOne()
    {
        Assert.Equal(NftError.Unknown, new NftException("Error: Could not process rule: No such file or directory").Error);
    }
}
