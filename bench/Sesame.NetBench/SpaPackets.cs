using System.Text;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.NetBench;

/// <summary>SPA packets as fwknop's client makes them (access <c>0.0.0.0,tcp/PORT</c>: open the packet's source), built with Sesame's codec.</summary>
internal sealed class SpaPackets(SpaKeys keys, ushort service)
{
    public static SpaPackets FromArgs(ToolArgs a) =>
        new(SpaKeyFile.Read(a.Text("keys", "spa.keys")), (ushort)a.Int("service", 22));

    public byte[] Next()
    {
        SpaMessage message = SpaPacket.NewAccess("netbench", "0.0.0.0", [new SpaPort(IpProtocols.Tcp, service)], null, TimeProvider.System);
        return Encoding.ASCII.GetBytes(SpaPacket.Encode(message, keys));
    }
}
