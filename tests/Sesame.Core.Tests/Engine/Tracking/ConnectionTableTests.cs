using Sesame.Engine;
using Sesame.Engine.Tracking;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Engine.Tracking;

public sealed class ConnectionTableTests
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    [Fact]
    public void Track_ManyConnectionsSweptAndRestarted_KeepStatesApart()
    {
        const int count = 5000;
        var table = new ConnectionTable();
        for (int i = 0; i < count; i++)
        {
            table.Track(Udp(i, reply: false), 0, out ConnectionStates state, out _);
            Assert.Equal(ConnectionStates.New, state);
        }

        // Even connections get an answer: established, with the 3-minute udp-stream timeout instead of 30 s.
        for (int i = 0; i < count; i += 2)
        {
            table.Track(Udp(i, reply: true), Second, out ConnectionStates state, out bool isReply);
            Assert.True(isReply);
            Assert.Equal(ConnectionStates.Established, state);
        }

        table.Sweep(40 * Second, 2 * count);
        Assert.Equal(count / 2, table.Count);
        for (int i = 0; i < count; i++)
        {
            table.Track(Udp(i, reply: false), 41 * Second, out ConnectionStates state, out _);
            Assert.Equal(i % 2 == 0 ? ConnectionStates.Established : ConnectionStates.New, state);
        }

        Assert.Equal(count, table.Count);
    }

    private static Packet Udp(int client, bool reply)
    {
        UInt128 host = 0xC6336400u + (uint)(client % 250);
        UInt128 router = 0xC0000201u;
        var ports = ((ushort)(1024 + (client / 250)), (ushort)53);
        return new Packet
        {
            Hook = reply ? Hook.Output : Hook.Input,
            Family = IpFamily.V4,
            Protocol = IpProtocols.Udp,
            Src = reply ? router : host,
            Dst = reply ? host : router,
            SrcPort = reply ? ports.Item2 : ports.Item1,
            DstPort = reply ? ports.Item1 : ports.Item2,
            Length = 60,
        };
    }
}
