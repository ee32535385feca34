using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Values;
using Sesame.Text;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary>Random values (fixed seeds): what prints reads back as the same value, and the operators agree with arithmetic.</summary>
public sealed class RosRoundTripTests
{
    private const int Cases = 2000;

    [Fact]
    public void Num_PrintThenLiteral_Same()
    {
        var random = new Random(1);
        for (int i = 0; i < Cases; i++)
        {
            long n = random.NextInt64(long.MinValue, long.MaxValue);
            Assert.Equal(N(n), W(Put(N(n))));
            Assert.Equal(N(n), RosOps.ToNum(S(Put(N(n)))));
            Assert.Equal(N(n), W("0x" + n.ToString("X", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Time_PrintThenLiteral_Same()
    {
        var random = new Random(2);
        long max = (long)RouterOsTime.Max.TotalMilliseconds;
        for (int i = 0; i < Cases; i++)
        {
            // Whole milliseconds, the resolution of a written time; units of every size appear.
            long ms = random.Next(4) switch
            {
                0 => random.NextInt64(-max, max),
                1 => random.NextInt64(-max, max) / 1000 * 1000,
                2 => random.NextInt64(0, 86_400_000),
                _ => random.NextInt64(0, 1000),
            };
            var t = new RosTime(TimeSpan.FromMilliseconds(ms));
            string printed = Put(t);
            Assert.Equal(t, W(printed));
            Assert.Equal(t, RosOps.ToTime(S(printed)));
        }
    }

    [Fact]
    public void Address_PrintThenLiteral_Same()
    {
        var random = new Random(3);
        for (int i = 0; i < Cases; i++)
        {
            bool v6 = random.Next(2) == 0;
            IpFamily family = v6 ? IpFamily.V6 : IpFamily.V4;
            UInt128 value = v6
                ? new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64())
                : (uint)random.NextInt64(0, 1L << 32);
            if (v6 && random.Next(3) == 0)
            {
                value &= ~(UInt128)0xFFFF_FFFF_0000; // zero groups, so that "::" appears
            }

            var ip = new RosIp(IpRange.Host(family, value));
            Assert.Equal(ip, W(Put(ip)));
            Assert.Equal(ip, v6 ? RosOps.ToIp6(S(Put(ip))) : RosOps.ToIp(S(Put(ip))));

            int length = random.Next(v6 ? 129 : 33);
            var prefix = new RosPrefix(IpRange.FromPrefix(family, value, length));
            Assert.Equal(prefix, W(Put(prefix)));
            Assert.Equal(RosBool.True, RosOps.Binary("in", ip, prefix));
        }
    }

    [Fact]
    public void Ip_PlusThenMinus_Distance()
    {
        var random = new Random(4);
        for (int i = 0; i < Cases; i++)
        {
            var ip = new RosIp(IpRange.Host(IpFamily.V4, (uint)random.NextInt64(1 << 20, (1L << 32) - (1 << 20))));
            long delta = random.Next(-(1 << 20), 1 << 20);
            RosValue moved = RosOps.Binary("+", ip, N(delta));
            Assert.Equal(N(delta), RosOps.Binary("-", moved, ip));
            Assert.Equal(ip, RosOps.Binary("-", moved, N(delta)));
        }
    }

    [Fact]
    public void Netmask_AndGivesNetworkOfPrefix()
    {
        var random = new Random(5);
        for (int i = 0; i < Cases; i++)
        {
            uint address = (uint)random.NextInt64(0, 1L << 32);
            int length = random.Next(33);
            uint mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
            RosValue network = RosOps.Binary("&", new RosIp(IpRange.Host(IpFamily.V4, address)), new RosIp(IpRange.Host(IpFamily.V4, mask)));
            RosValue prefix = W($"{Put(new RosIp(IpRange.Host(IpFamily.V4, address)))}/{length}");
            Assert.StartsWith(Put(network) + "/", Put(prefix));
            Assert.Equal(RosBool.True, RosOps.Binary("in", network, prefix));
        }
    }

    [Fact]
    public void Num_OperatorsAgreeWithCheckedArithmetic()
    {
        var random = new Random(6);
        for (int i = 0; i < Cases; i++)
        {
            long a = random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-1000, 1000);
            long b = random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-1000, 1000);
            Check("+", () => checked(a + b));
            Check("-", () => checked(a - b));
            Check("*", () => checked(a * b));
            if (b != 0)
            {
                Check("/", () => checked(a / b));
            }

            Assert.Equal(RosBool.Of(a < b), RosOps.Binary("<", N(a), N(b)));
            Assert.Equal(RosBool.Of(a == b), RosOps.Binary("=", N(a), N(b)));

            void Check(string op, Func<long> expected)
            {
                long value;
                try
                {
                    value = expected();
                }
                catch (OverflowException)
                {
                    Assert.Throws<RosScriptException>(() => RosOps.Binary(op, N(a), N(b)));
                    return;
                }

                Assert.Equal(N(value), RosOps.Binary(op, N(a), N(b)));
            }
        }
    }

    [Fact]
    public void Str_ByteOrderAgreesWithBytes()
    {
        var random = new Random(7);
        for (int i = 0; i < Cases; i++)
        {
            byte[] x = RandomBytes(random);
            byte[] y = random.Next(4) == 0 ? x[..(x.Length / 2)] : RandomBytes(random);
            string sx = RouterOsBytes.GetString(x);
            string sy = RouterOsBytes.GetString(y);
            Assert.Equal(Math.Sign(x.AsSpan().SequenceCompareTo(y)), RosOps.Compare(S(sx), S(sy)));
            Assert.Equal(x.AsSpan().SequenceEqual(y), RosOps.AreEqual(S(sx), S(sy)));
            Assert.Equal(x.Length, RosOps.Length(S(sx)));

            int start = random.Next(x.Length + 1);
            int end = random.Next(start, x.Length + 1);
            Assert.Equal(x[start..end], RouterOsBytes.GetBytes(Put(RosOps.Pick(S(sx), start, end))));
        }

        static byte[] RandomBytes(Random random)
        {
            var bytes = new byte[random.Next(12)];
            for (int k = 0; k < bytes.Length; k++)
            {
                // Mostly ASCII and UTF-8 lead/continuation bytes, so valid characters and stray bytes both appear.
                bytes[k] = random.Next(3) switch
                {
                    0 => (byte)random.Next(0x20, 0x7F),
                    1 => (byte)random.Next(0x80, 0xC0),
                    _ => (byte)random.Next(0xC2, 0xF5),
                };
            }

            return bytes;
        }
    }
}
