using System.Text;
using Microsoft.Extensions.Logging;
using Sesame.Linux.Logging;

namespace Sesame.Tests.Logging;

public sealed class KeyValueLineTests
{
    [Theory]
    [InlineData("list", "list")]
    [InlineData("openFor", "open-for")]
    [InlineData("layer7Rules", "layer7-rules")]
    [InlineData("sinceTamperedMs", "since-tampered-ms")]
    [InlineData("@new", "new")]
    public void Kebab_ParameterName_LowerCaseWithHyphens(string name, string key) => Assert.Equal(key, KeyValueLine.Kebab(name));

    [Fact]
    public void Render_TypedValues_InTheDaemonsForms_NullsLeftOut()
    {
        string line = Render(new EventId(1, "grant"), "list={list} timeout={timeout} none={none} flag={flag} ms={ms:0.000} script={script} table=kept",
            ("list", "knock 1"), ("timeout", TimeSpan.FromMinutes(30)), ("none", Timeout.InfiniteTimeSpan), ("flag", true), ("ms", 0.1125), ("script", null));

        Assert.Equal("sesame event=grant list=\"knock 1\" timeout=30m none=none flag=yes ms=0.113 table=kept", line);
    }

    [Fact]
    public void Render_EventNameWithADot_TheLineShowsThePartBeforeIt()
    {
        Assert.Equal("sesame event=error stage=lookup message=\"no such file\"", Render(new EventId(903, "error.lookup"), "stage=lookup message={message}", ("message", "no such file")));
    }

    [Fact]
    public void Render_HostileValues_OneLineNoControlCharacters()
    {
        string line = Render(new EventId(2, "x"), "user={user} message={message}",
            ("user", "eve\n\u001b[31m src=1.2.3.4"), ("message", new QuotedText("ok")));

        Assert.Equal("sesame event=x user=\"eve  [31m src=1.2.3.4\" message=\"ok\"", line);
    }

    [Fact]
    public void Render_NotATemplate_TheFormattedTextAsAQuotedMessage()
    {
        Assert.Equal("sesame event=log message=\"hello world\"", Render(default, "hello {who}", ("who", "world")));
    }

    [Fact]
    public void Parse_Details_ValuesUnquotedAndUnescaped()
    {
        IReadOnlyList<KeyValuePair<string, string>> pairs = KeyValueLine.Parse("list=\"knock 1\" message=\"say \\\"hi\\\"\" rule=3");

        Assert.Equal([new("list", "knock 1"), new("message", "say \"hi\""), new("rule", "3")], pairs);
    }

    private static string Render(EventId id, string template, params (string Name, object? Value)[] values)
    {
        var state = new List<KeyValuePair<string, object?>>(values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)))
        {
            new("{OriginalFormat}", template),
        };
        var line = new StringBuilder();
        KeyValueLine.Render(line, id, state, null, () => template.Replace("{who}", "world", StringComparison.Ordinal));
        return line.ToString();
    }
}
