using System.Security.Cryptography;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

public sealed class SpaMd5Tests
{
    [Fact]
    public void Hash_EveryLengthUpToMax_MatchesPlatformMd5()
    {
        var random = new Random(4);
        Span<byte> ours = stackalloc byte[16];
        for (int length = 0; length <= SpaMd5.MaxInput; length++)
        {
            byte[] input = new byte[length];
            random.NextBytes(input);

            SpaMd5.Hash(input, ours);

            Assert.Equal(MD5.HashData(input), ours.ToArray());
        }
    }

    [Fact]
    public void Hash_TooLong_Throws() => Assert.Throws<ArgumentException>(() => SpaMd5.Hash(new byte[SpaMd5.MaxInput + 1], new byte[16]));
}
