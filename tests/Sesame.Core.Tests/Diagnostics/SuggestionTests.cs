using Sesame.Diagnostics;

namespace Sesame.Tests.Diagnostics;

public sealed class SuggestionTests
{
    [Theory]
    [InlineData("dst-prot", "dst-port")]
    [InlineData("secure", "secured")]
    [InlineData("ETHER1", "ether1")]
    [InlineData("payloads", "payload")]
    [InlineData("zzzzzz", null)]
    [InlineData("in-interface-list-x-y", null)]
    public void Nearest_FindsTheNameATypoAway(string written, string? expected) =>
        Assert.Equal(expected, Suggestion.Nearest(written, ["dst-port", "src-port", "secured", "ether1", "payload", "in-interface"]));

    [Fact]
    public void DidYouMean_NothingNear_IsEmpty() => Assert.Equal("", Suggestion.DidYouMean("xyz", ["abcdef"]));
}
