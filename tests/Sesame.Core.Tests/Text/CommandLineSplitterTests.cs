using Sesame.Text;

namespace Sesame.Tests.Text;

public sealed class CommandLineSplitterTests
{
    [Theory]
    [InlineData("ssh admin@10.0.0.1", new[] { "ssh", "admin@10.0.0.1" })]
    [InlineData("  ssh   -p 2222\thost ", new[] { "ssh", "-p", "2222", "host" })]
    [InlineData("sh -c 'echo $HOME; exit 3'", new[] { "sh", "-c", "echo $HOME; exit 3" })]
    [InlineData("printf \"a \\\"b\\\" \\\\ c\"", new[] { "printf", "a \"b\" \\ c" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("x''y \"\"", new[] { "xy", "" })]
    [InlineData("echo $PATH *", new[] { "echo", "$PATH", "*" })]
    public void TrySplit_Command_WordsAsAShellWouldSplitThem(string command, string[] expected)
    {
        Assert.True(CommandLineSplitter.TrySplit(command, out string[] argv, out string error), error);

        Assert.Equal(expected, argv);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("sh -c 'oops", "' quote is not closed")]
    [InlineData("echo \"oops", "\" quote is not closed")]
    [InlineData("echo \\", "lone")]
    public void TrySplit_Unusable_ErrorSaysWhy(string command, string expected)
    {
        Assert.False(CommandLineSplitter.TrySplit(command, out _, out string error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables -A INPUT -s %IP% -j ACCEPT", null)]
    [InlineData("iptables -A INPUT -s %IP% -j ACCEPT; reboot", "the operator ';'")]
    [InlineData("echo \"$HOME\"", "'$' expands inside double quotes")]
    [InlineData("echo '$HOME' \\$x", null)]
    [InlineData("ls *.conf", "the pattern character '*'")]
    [InlineData("# only a comment", "a '#' comment")]
    [InlineData("echo a#b", null)]
    [InlineData("true\nreboot", "a line break (the shell's command separator)")]
    public void TrySplit_ShellFeature_IsNamed(string command, string? expected)
    {
        Assert.True(CommandLineSplitter.TrySplit(command, out List<string> _, out string? shellUse, out string error, out _), error);

        Assert.Equal(expected, shellUse);
    }

    [Fact]
    public void TrySplit_UnclosedQuote_SaysWhere()
    {
        Assert.False(CommandLineSplitter.TrySplit("ufw allow from 'x", out List<string> _, out _, out string error, out int at));

        Assert.Equal(("a ' quote is not closed", 15), (error, at));
    }
}
