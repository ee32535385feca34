using System.Text;
using Sesame.RouterOS.Export;

namespace Sesame.Tests.Export;

public sealed class CommandWriterTests
{
    private static string Write(bool wrap, params (string Name, string Value)[] arguments)
    {
        var sb = new StringBuilder();
        CommandWriter.Write(sb, "add", [.. arguments.Select(a => new ExportProperty(a.Name, a.Value))], wrap);
        return sb.ToString();
    }

    [Fact]
    public void Write_Short_OneLine()
    {
        Assert.Equal("add action=accept chain=input\n", Write(true, ("action", "accept"), ("chain", "input")));
    }

    [Fact]
    public void Write_ExactlyEightyColumns_NotWrapped()
    {
        string value = new('x', 80 - "add a=".Length);

        Assert.Equal("add a=" + value + "\n", Write(true, ("a", value)));
    }

    [Fact]
    public void Write_LongBetweenArguments_BreaksAtSpaceWithBackslashAndIndent()
    {
        string text = Write(true, ("aaaa", new string('a', 40)), ("bbbb", new string('b', 40)));

        Assert.Equal("add aaaa=" + new string('a', 40) + " \\\n    bbbb=" + new string('b', 40) + "\n", text);
    }

    [Fact]
    public void Write_Unwrapped_OneLineWhateverTheLength()
    {
        string text = Write(false, ("aaaa", new string('a', 60)), ("bbbb", new string('b', 60)));

        Assert.Equal("add aaaa=" + new string('a', 60) + " bbbb=" + new string('b', 60) + "\n", text);
    }

    [Fact]
    public void Write_QuotedValueLongerThanLine_BrokenInsideStringWithBareBackslash()
    {
        string value = "\"" + new string('s', 100) + "\"";
        string[] lines = Write(true, ("name", "x"), ("source", value)).Split('\n');

        Assert.Equal("add name=x source=\"" + new string('s', 80 - 19 - 1) + "\\", lines[0]);
        Assert.StartsWith("    ", lines[1], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= 80));
    }

    [Fact]
    public void Write_BreakBeforeEscape_EscapeKeptWhole()
    {
        // 19 columns of "add name=x source=\"" then filler so that a "\$" straddles column 80.
        string value = "\"" + new string('s', 59) + "\\$" + new string('t', 30) + "\"";
        string[] lines = Write(true, ("name", "x"), ("source", value)).Split('\n');

        Assert.EndsWith("s\\", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("    \\$", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BreakBeforeSpaceInString_SpaceWrittenAsEscape()
    {
        string value = "\"" + new string('s', 60) + "    tail\"";
        string[] lines = Write(true, ("name", "x"), ("source", value)).Split('\n');

        Assert.Equal("    \\_   tail\"", lines[1]);
    }
}
