using Sesame.Diagnostics;
using Sesame.Text;

namespace Sesame.Tests.Text;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("ether1", "ether1")]
    [InlineData("a\u001b[2Jb", @"a\x1B[2Jb")]
    [InlineData("line\nfake line", @"line\nfake line")]
    [InlineData("a\r\tb\u0007\u007f", @"a\r\tb\x07\x7F")]
    [InlineData("c1\u009b31m", @"c1\u009B31m")] // CSI as a C1 control
    [InlineData("abc\u202edcba", @"abc\u202Edcba")] // right-to-left override
    [InlineData("zero\u200bwidth", @"zero\u200Bwidth")]
    [InlineData("caf\u00e9 \U0001F511 \u041f", "caf\u00e9 \U0001F511 \u041f")] // letters and symbols stay
    [InlineData(@"^a\.b\$", @"^a\.b\$")] // backslashes stay
    public void Escape_Text_ControlsEscapedPrintablesKept(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Escape(text));
    }

    [Fact]
    public void Escape_ByteThatIsNotUtf8_WrittenAsTheByte()
    {
        Assert.Equal(@"a\xFF\xC3", TerminalText.Escape(RouterOsBytes.GetString([(byte)'a', 0xFF, 0xC3])));
        Assert.Equal(@"\uD800x", TerminalText.Escape("\ud800x"));
    }

    [Fact]
    public void DiagnosticToString_NameWithEscAndNewline_OneSafeLine()
    {
        var d = new Diagnostic(Severity.Warning, new SourceLocation("c\u001b]0;t\u0007.rsc", 3, 5), "SES0502", "jump-target=x\u001b[2J\nfake: error: nothing");

        string text = d.ToString();

        Assert.Equal(@"c\x1B]0;t\x07.rsc:3:5: warning SES0502: jump-target=x\x1B[2J\nfake: error: nothing", text);
        Assert.DoesNotContain(text, c => c is < ' ' or '\u007f');
    }
}
