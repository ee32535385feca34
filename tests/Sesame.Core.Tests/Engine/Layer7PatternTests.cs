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

    /// <summary>
    /// Patterns and data are bytes; data bytes are the characters U+0000..U+00FF. A character in the pattern is its UTF-8
    /// bytes, so é (typed, or \C3\A9 in RouterOS, which the lexer reads as the same é) matches the bytes C3 A9.
    /// </summary>
    [Theory]
    [InlineData("^\u00e9$", "\u00c3\u00a9", true)]
    [InlineData("^\u00e9$", "\u00e9", false)] // the Latin-1 byte E9 is not é in UTF-8
    [InlineData("^\\xC3\\xA9$", "\u00c3\u00a9", true)] // the regex's own \xHH escapes are bytes too
    [InlineData("^\u00e9$", "\u00e3\u00a9", false)] // E3 is not C3 in another case: only ASCII letters fold
    [InlineData("^\u00c9$", "\u00c3\u00a9", false)] // É is C3 89
    [InlineData("^[\u00e9]$", "\u00a9", true)] // a bracket holds bytes: [é] is [\xC3\xA9]
    [InlineData("^[\u00e9]$", "\u00c3\u00a9", false)]
    [InlineData("^[\u00e9]{2}$", "\u00c3\u00a9", true)]
    [InlineData("^\U0001F511$", "\u00f0\u009f\u0094\u0091", true)]
    [InlineData("^caf\u00e9$", "CAF\u00c3\u00a9", true)]
    [InlineData("^[a-c]+$", "ABCabc", true)]
    [InlineData("^[X-c]+$", "xyzXYZ[]ABC", true)] // a range folds the letters in it
    [InlineData("^[^a]$", "A", false)]
    [InlineData("^[[:upper:]]+$", "aZ", true)]
    [InlineData("^\\xE9$", "\u00c9", false)] // Latin-1 letters are bytes, not letters
    public void TryCompile_Bytes_MatchesBytesFoldingAsciiOnly(string pattern, string data, bool expected)
    {
        Assert.True(Layer7Pattern.TryCompile(pattern, out Regex? regex, out string error), error);
        Assert.Equal(expected, regex.IsMatch(data));
    }

    [Fact]
    public void TryCompile_Pattern_UsesLinearTimeEngine()
    {
        Assert.True(Layer7Pattern.TryCompile("^(a+)+$", out Regex? regex, out _));
        Assert.True((regex.Options & RegexOptions.NonBacktracking) != 0);
        Assert.DoesNotMatch(regex, new string('a', 5000) + "!");
    }
}
