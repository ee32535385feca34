using Sesame.Diagnostics;
using Sesame.Tracing;

namespace Sesame.Tests.Tracing;

public sealed class TraceReaderRunTests
{
    private static readonly TraceDefaults Defaults = TraceDefaults.Plain with { ScriptNames = ["check-and-grant", "clean knock lists"] };

    private static Trace Read(string text) => TraceReader.Read(text, "t.trace", Defaults);

    [Fact]
    public void Read_RunLines_BetweenPacketsInFileOrder()
    {
        Trace trace = Read("""
            0    203.0.113.7 tcp 888
            30   run check-and-grant   # grant whoever knocked
            30   203.0.113.7 tcp 22
            60.5 run "clean knock lists"
            """);

        Assert.False(trace.HasErrors, string.Join("\n", trace.Diagnostics));
        Assert.Equal(2, trace.Packets.Count);
        Assert.Equal(
            [(30.0, "check-and-grant", 1), (60.5, "clean knock lists", 2)],
            trace.Runs.Select(r => (r.Time, r.Script, r.PacketsBefore)));
        Assert.Equal(new SourceLocation("t.trace", 2, 1), trace.Runs[0].Location);
    }

    [Fact]
    public void Read_UnknownScript_ErrorAtTheName()
    {
        Trace trace = Read("0 203.0.113.7 tcp 888\n  5 run check-and-grnt\n");

        Diagnostic d = Assert.Single(trace.Diagnostics);
        Assert.True(d.IsError);
        Assert.Equal("SES0426", d.Code);
        Assert.Equal(new SourceLocation("t.trace", 2, 9), d.Location);
        Assert.Contains("check-and-grant", d.Message, StringComparison.Ordinal); // did you mean
        Assert.Empty(trace.Runs);
    }

    [Fact]
    public void Read_RunWithoutScripts_SaysTheConfigHasNone()
    {
        Trace trace = TraceReader.Read("1 run x", "t.trace", TraceDefaults.Plain);

        Assert.Contains("the config has no /system script", Assert.Single(trace.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5 run", "SES0426", 6)]
    [InlineData("5 run check-and-grant extra", "SES0427", 23)]
    [InlineData("5 run \"clean knock lists", "SES0422", 7)]
    [InlineData("x run check-and-grant", "SES0411", 1)]
    [InlineData("5 run \"clean knock lists\"x", "SES0427", 26)]
    public void Read_BadRunLine_ReportsCodeAtColumn(string line, string code, int column)
    {
        Diagnostic d = Assert.Single(Read(line).Diagnostics);

        Assert.Equal(code, d.Code);
        Assert.Equal(new SourceLocation("t.trace", 1, column), d.Location);
    }

    [Fact]
    public void Read_RunGoingBackInTime_Error()
    {
        Trace trace = Read("10 203.0.113.7 tcp 888\n5 run check-and-grant");

        Assert.Equal("SES0410", Assert.Single(trace.Diagnostics).Code);
    }

    [Fact]
    public void Read_HostileQuotedName_UnknownAndReported()
    {
        Trace trace = Read("5 run \"a\\nb\\x1b[31m\"");

        Diagnostic d = Assert.Single(trace.Diagnostics);
        Assert.Equal("SES0426", d.Code);
        Assert.Empty(trace.Runs);
    }

    [Fact]
    public void Read_WordRunAsSecondField_NotAPacket()
    {
        // "running" is not "run": still read as a packet line (and its source is not an address).
        Diagnostic d = Assert.Single(Read("5 running tcp 22").Diagnostics);

        Assert.Equal("SES0412", d.Code);
    }
}
