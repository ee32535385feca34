using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Tracing;

namespace Sesame.Tests.Tracing;

public sealed class TraceReaderTests
{
    private static Trace Read(string text, TraceDefaults? defaults = null) =>
        TraceReader.Read(text, "t.trace", defaults ?? TraceDefaults.Plain);

    [Fact]
    public void Read_DesignExample_GivesEveryPacketWithDefaults()
    {
        Trace trace = Read("""
            0      203.0.113.7   tcp  888
            0.4    203.0.113.7   tcp  555
            31.0   203.0.113.7   tcp  222
            40     198.51.100.9  udp  1234 payload="supersecretpassword1"
            41     2001:db8::5   tcp  22   in=ether1 flags=syn sport=40000
            """);

        Assert.False(trace.HasErrors, string.Join("\n", trace.Diagnostics));
        Assert.Equal(5, trace.Packets.Count);
        TracePacket first = trace.Packets[0];
        Assert.Equal(Hook.Input, first.Hook);
        Assert.Equal("203.0.113.7", first.SrcText);
        Assert.Equal("192.0.2.1", first.DstText);
        Assert.Equal(IpProtocols.Tcp, first.Protocol);
        Assert.Equal(888, first.DstPort);
        Assert.Equal(TcpFlags.Syn, first.TcpFlags);
        Assert.Equal("ether1", first.InInterface);
        Assert.Equal(40, first.Length);
        Assert.Equal(32769, first.SrcPort);
        Assert.Equal(32770, trace.Packets[1].SrcPort);
        Assert.Equal(0.4, trace.Packets[1].Time);
        Assert.Equal("supersecretpassword1"u8.ToArray(), trace.Packets[3].Payload);
        Assert.Equal(20 + 8 + 20, trace.Packets[3].Length);
        Assert.Equal(IpFamily.V6, trace.Packets[4].Family);
        Assert.Equal("2001:db8::1", trace.Packets[4].DstText);
        Assert.Equal(60, trace.Packets[4].Length);
    }

    [Fact]
    public void Read_CommentsAndBlankLines_AreIgnored()
    {
        Trace trace = Read("# header\n\n   \n0 10.0.0.1 tcp 22 # inline comment\n");

        Assert.False(trace.HasErrors);
        Assert.Single(trace.Packets);
    }

    [Fact]
    public void Read_PayloadEscapes_GiveTheBytes()
    {
        Trace trace = Read("""0 10.0.0.1 udp 53 payload="a\x00b\n\"q\" \\" """);

        Assert.False(trace.HasErrors, string.Join("\n", trace.Diagnostics));
        Assert.Equal(new byte[] { (byte)'a', 0, (byte)'b', (byte)'\n', (byte)'"', (byte)'q', (byte)'"', (byte)' ', (byte)'\\' }, trace.Packets[0].Payload);
    }

    [Fact]
    public void Read_KeysOverrideDefaults()
    {
        Trace trace = Read("5 10.0.0.1 tcp 80 dst=10.0.0.254 sport=1234 flags=syn,ack len=100 chain=forward out=ether1");

        TracePacket p = Assert.Single(trace.Packets);
        Assert.Equal("10.0.0.254", p.DstText);
        Assert.Equal(1234, p.SrcPort);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, p.TcpFlags);
        Assert.Equal(100, p.Length);
        Assert.Equal(Hook.Forward, p.Hook);
        Assert.Equal("ether1", p.OutInterface);
    }

    [Fact]
    public void Read_IcmpWithoutPort_IsAccepted()
    {
        Trace trace = Read("0 10.0.0.1 icmp - len=123");

        TracePacket p = Assert.Single(trace.Packets);
        Assert.Equal(IpProtocols.Icmp, p.Protocol);
        Assert.Equal(123, p.Length);
    }

    [Theory]
    [InlineData("x 10.0.0.1 tcp 22", "SES0411", 1)]
    [InlineData("0 10.0.0 tcp 22", "SES0412", 3)]
    [InlineData("0 10.0.0.1 tcpp 22", "SES0413", 12)]
    [InlineData("0 10.0.0.1 tcp 70000", "SES0416", 16)]
    [InlineData("0 10.0.0.1 tcp -", "SES0414", 16)]
    [InlineData("0 10.0.0.1 icmp 5", "SES0415", 17)]
    [InlineData("0 10.0.0.1 tcp 22 in=eth9", "SES0417", 22)]
    [InlineData("0 10.0.0.1 tcp 22 colour=red", "SES0406", 19)]
    [InlineData("0 10.0.0.1 tcp 22 flags=syn,nope", "SES0419", 25)]
    [InlineData("0 10.0.0.1 tcp 22 dst=2001:db8::1", "SES0404", 23)]
    [InlineData("0 10.0.0.1 tcp 22 payload=\"open", "SES0422", 27)]
    [InlineData("0 10.0.0.1 tcp 22 payload=\"\\q\"", "SES0422", 28)]
    [InlineData("0 10.0.0.1 tcp", "SES0401", 12)]
    [InlineData("0 10.0.0.1 tcp 22 len=10", "SES0408", 1)]
    [InlineData("0 10.0.0.1 tcp 22 chain=prerouting", "SES0409", 25)]
    [InlineData("0 10.0.0.1 tcp 22 sport=1 sport=2", "SES0403", 27)]
    public void Read_BadLine_ReportsCodeAtColumn(string line, string code, int column)
    {
        Trace trace = Read("# first line\n" + line);

        Assert.True(trace.HasErrors);
        Diagnostic d = Assert.Single(trace.Diagnostics, x => x.IsError);
        Assert.Equal(code, d.Code);
        Assert.Equal(new SourceLocation("t.trace", 2, column), d.Location);
        Assert.Empty(trace.Packets);
    }

    [Fact]
    public void Read_MistypedKeyOrInterface_SuggestsTheNearName()
    {
        Trace trace = Read("0 10.0.0.1 udp 53 paylod=\"x\"\n1 10.0.0.1 tcp 22 in=ehter1");

        Assert.Contains("did you mean 'payload'?", trace.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'ether1'?", trace.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TimeGoingBackwards_IsAnErrorAtThatLine()
    {
        Trace trace = Read("0 10.0.0.1 tcp 1\n5 10.0.0.1 tcp 2\n4.5 10.0.0.1 tcp 3\n6 10.0.0.1 tcp 4");

        Diagnostic d = Assert.Single(trace.Diagnostics);
        Assert.Equal("SES0410", d.Code);
        Assert.Equal(3, d.Location.Line);
        Assert.Contains("backwards", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralBadLines_ReportsThemAll()
    {
        Trace trace = Read("bad\n0 1.2.3.4 tcp 22\n0 nope tcp 22\n1 1.2.3.4 xyz 1");

        Assert.Equal([1, 3, 4], trace.Diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void Read_OutputChainWithIn_IsAnError()
    {
        Trace trace = Read("0 192.0.2.1 tcp 22 chain=output in=ether1");

        Assert.Equal("SES0407", Assert.Single(trace.Diagnostics).Code);
    }
}
