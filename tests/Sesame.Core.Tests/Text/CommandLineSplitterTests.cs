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
}
