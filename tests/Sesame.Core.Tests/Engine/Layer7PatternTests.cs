using System.Text.RegularExpressions;
using Sesame.Engine;

namespace Sesame.Tests.Engine;

public sealed class Layer7PatternTests
{
    [Theory]
    [InlineData("^passphrase$", "PASSPHRASE", true)]
    [InlineData("^passphrase$", "passphrase\n", false)]
    [InlineData("^passphrase/$", "passphrase/", true)]
    [InlineData("^\\x13bittorrent protocol", "\u0013BitTorrent protocol", true)]
    [InlineData("^[[:alpha:]]+[[:digit:]]{2}$", "abc12", true)]
    [InlineData("^[[:alpha:]]+[[:digit:]]{2}$", "abc123", false)]
    [InlineData("^[^[:space:]]+$", "no-space", true)]
    [InlineData("^[^[:space:]]+$", "a b", false)]
    [InlineData("a.c", "a\nc", true)] // . matches newline
    [InlineData("^a\\.c$", "abc", false)]
    [InlineData("^[]a]+$", "]a]", true)] // ] first in a bracket is literal
    [InlineData("^[a\\]+$", "a\\", true)] // backslash in a bracket is literal
    [InlineData("^[\\x41-\\x43]+$", "abc", true)]
    [InlineData("^(ab|cd)*$", "abcdab", true)]
    [InlineData("x{", "x{", true)] // '{' without a valid interval is literal
    [InlineData("^[a-z-]+$", "a-b", true)]
    [InlineData("^[[=a=]]$", "a", true)]
    public void TryCompile_ValidPosix_MatchesLikeL7Filter(string pattern, string data, bool expected)
    {
        Assert.True(Layer7Pattern.TryCompile(pattern, out Regex? regex, out string error), error);
        Assert.Equal(expected, regex.IsMatch(data));
    }

    [Theory]
    [InlineData("\\d", "not a POSIX escape")]
    [InlineData("abc\\", "ends with a backslash")]
    [InlineData("(?i)x", "repeats nothing")]
    [InlineData("*a", "repeats nothing")]
    [InlineData("a**", "repeats nothing")]
    [InlineData("a*?", "repeats nothing")]
    [InlineData("(ab", "unmatched '('")]
    [InlineData("ab)", "unmatched ')'")]
    [InlineData("[abc", "unmatched '['")]
    [InlineData("[[:foo:]]", "unknown character class")]
    [InlineData("[z-a]", "invalid range")]
    [InlineData("\\xZZ", "two hex digits")]
    [InlineData("a{3,1}", "cannot compile")]
    public void TryCompile_InvalidPattern_ReportsError(string pattern, string message)
    {
        Assert.False(Layer7Pattern.TryCompile(pattern, out Regex? regex, out string error));
        Assert.Null(regex);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_Pattern_UsesLinearTimeEngine()
    {
        Assert.True(Layer7Pattern.TryCompile("^(a+)+$", out Regex? regex, out _));
        Assert.True((regex.Options & RegexOptions.NonBacktracking) != 0);
        Assert.DoesNotMatch(regex, new string('a', 5000) + "!");
    }
}
