
namespace Sesame.Tests.Kernel;

/// <summary>The kernel's payload match compares the same bytes as the engine: a door written with \XX escapes opens to UTF-8.</summary>
public sealed class Layer7BytesKernelTests
{
    [RootTheory]
    [InlineData(@"^caf\C3\A9\$")]
    [InlineData("^caf\u00e9\\$")]
    public void Apply_DoorWithUtf8Passphrase_OpensToItsUtf8Bytes(string regexp)
    {
        using var ns = new NetNs();
        Kernel.Apply(ns, Configs.Parse($$"""
            /ip firewall layer7-protocol
            add name=pass regexp="{{regexp}}"
            /ip firewall filter
            add chain=input protocol=udp dst-port=1234 layer7-protocol=pass action=add-src-to-address-list address-list=open address-list-timeout=1m
            """));

        ns.SendUdp(ns.ServerV4, 1234, 42000, [(byte)'c', (byte)'a', (byte)'f', 0xE9]); // Latin-1 é
        ns.SendUdp(ns.ServerV4, 1234, 42001, [(byte)'c', (byte)'a', (byte)'f', 0xE3, 0xA9]); // not a case of é
        Thread.Sleep(200);
        Assert.False(Kernel.InList(ns, "open", ns.ClientV4));

        ns.SendUdp(ns.ServerV4, 1234, 42002, "CAF\u00e9"u8.ToArray());
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "open", ns.ClientV4)));
    }
}
