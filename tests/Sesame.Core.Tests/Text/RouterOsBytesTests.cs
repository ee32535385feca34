using System.Text;
using Sesame.Text;

namespace Sesame.Tests.Text;

public sealed class RouterOsBytesTests
{
    /// <summary>The expected text as UTF-16 code units: attribute strings cannot hold lone surrogates.</summary>
    [Theory]
    [InlineData(new byte[] { 0x61, 0x62 }, new[] { 0x61, 0x62 })]
    [InlineData(new byte[] { 0xC3, 0xA9 }, new[] { 0xE9 })]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x94, 0x91 }, new[] { 0xD83D, 0xDD11 })]
    [InlineData(new byte[] { 0xFF }, new[] { 0xDCFF })]
    [InlineData(new byte[] { 0xC3 }, new[] { 0xDCC3 })] // a character cut short
    [InlineData(new byte[] { 0xC3, 0x41 }, new[] { 0xDCC3, 0x41 })]
    [InlineData(new byte[] { 0xE9, 0xC3, 0xA9 }, new[] { 0xDCE9, 0xE9 })] // Latin-1 é, then UTF-8 é
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, new[] { 0xDCED, 0xDCA0, 0xDC80 })] // an encoded surrogate is not UTF-8
    public void GetString_Bytes_UnicodeWhereValidAndEachOtherByteKept(byte[] bytes, int[] units)
    {
        string text = RouterOsBytes.GetString(bytes);

        Assert.Equal(units, text.Select(c => (int)c));
        Assert.Equal(bytes, RouterOsBytes.GetBytes(text));
    }

    [Fact]
    public void GetBytes_EveryByteString_RoundTrips()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 12)];
            random.NextBytes(bytes);
            Assert.Equal(bytes, RouterOsBytes.GetBytes(RouterOsBytes.GetString(bytes)));
        }
    }

    [Fact]
    public void GetBytes_OtherLoneSurrogate_WrittenAsReplacementCharacter()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("\ufffd"), RouterOsBytes.GetBytes("\ud800"));
        Assert.Equal("\u00c3\u00a9", RouterOsBytes.ToByteChars("\u00e9"));
    }
}
