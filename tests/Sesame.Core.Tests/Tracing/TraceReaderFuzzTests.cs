using System.Text;
using Sesame.Diagnostics;
using Sesame.Tracing;

namespace Sesame.Tests.Tracing;

/// <summary>Garbage in a trace gets diagnostics, never an exception, and every location points into the text.</summary>
public sealed class TraceReaderFuzzTests
{
    private const string Sample = """
        # time  source          protocol  dst-port  [key=value ...]
        0       203.0.113.7     tcp       888
        0.5     203.0.113.7     tcp       555 sport=1234 flags=syn,ack
        1       198.51.100.9    udp       1234  payload="supersecretpassword1\x00\n" len=100
        2       2001:db8::5     tcp       22   in=ether1 dst=2001:db8::1 chain=forward out=ether1
        3       10.0.0.1        icmp      -    len=123
        """;

    private static readonly char[] Noise = ['"', '\\', '=', '#', ' ', '\t', '\n', '-', ':', '.', 'x', '0', '9', ',', '\uD800'];

    [Fact]
    public void Read_RandomMutations_NeverThrowAndLocateEveryDiagnostic()
    {
        var random = new Random(20261122);
        for (int round = 0; round < 3000; round++)
        {
            string text = Mutate(Sample, random);

            Trace trace = TraceReader.Read(text, "f.trace", TraceDefaults.Plain);

            string[] lines = text.ReplaceLineEndings("\n").Split('\n');
            foreach (Diagnostic d in trace.Diagnostics)
            {
                Assert.InRange(d.Location.Line, 1, lines.Length);
                Assert.InRange(d.Location.Column, 1, lines[d.Location.Line - 1].Length + 1);
            }

            Assert.All(trace.Packets, p => Assert.True(p.Length >= 20));
        }
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        int edits = random.Next(1, 8);
        for (int i = 0; i < edits && sb.Length > 0; i++)
        {
            int at = random.Next(sb.Length);
            switch (random.Next(4))
            {
                case 0:
                    sb.Remove(at, Math.Min(random.Next(1, 6), sb.Length - at));
                    break;
                case 1:
                    sb.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 2:
                    sb.Insert(at, sb.ToString(at, Math.Min(random.Next(1, 10), sb.Length - at)));
                    break;
                default:
                    sb.Length = at;
                    break;
            }
        }

        return sb.ToString();
    }
}
