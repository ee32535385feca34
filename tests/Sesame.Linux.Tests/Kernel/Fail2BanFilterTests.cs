using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Tests.Kernel;

/// <summary>
/// The shipped fail2ban filter (<c>deploy/fail2ban/filter.d/sesame.conf</c>) run by Debian's real <c>fail2ban-regex</c>
/// over the lines a real <c>sesame serve</c> wrote while refusing real packets in a namespace: an SPA packet with a wrong
/// key, a Layer7 passphrase that does not match, a scan caught by a blacklist, over IPv4 and IPv6. Every refused source is
/// found, no grant line matches, and a source that was only granted is never found — in the daemon's bare lines (a file),
/// as rsyslog writes them (a syslog timestamp and tag), and as fail2ban's journal back end hands them over.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class Fail2BanFilterTests
{
    private static readonly string[] RefusalEvents = ["spa-reject", "layer7-miss", "blacklist"];

    [Fail2BanFact]
    public void Filter_SpaPacketsWithAWrongKey_FindsEachRefusedSource_NotTheGrantedOne()
    {
        using var rig = new SpaRig();
        NetNs ns = rig.Ns;
        IPAddress granted = ns.AddSecondClientV4();
        SesameProcess daemon = rig.Serve();
        SpaKeys wrong = SpaKeys.Generate();

        rig.Send(Packet(wrong), ns.ServerV4);
        rig.Send(Packet(wrong), ns.ServerV6);
        rig.Send(Packet(rig.Keys), ns.ServerV4, granted);

        Assert.NotNull(rig.WaitForLine("event=spa-reject door=admin", $"src={ns.ClientV4} reason=hmac"));
        Assert.NotNull(rig.WaitForLine("event=spa-reject door=admin", $"src={ns.ClientV6} reason=hmac"));
        Assert.NotNull(rig.WaitForLine("event=spa-grant door=admin user=alice", $"src={granted} "));
        Assert.NotNull(rig.WaitForLine($"event=grant list={SpaRig.SshList} src={granted} "));
        AssertFilterFinds(daemon.Output, [ns.ClientV4, ns.ClientV6], granted);
    }

    [Fail2BanFact]
    public void Filter_Layer7MissAndScansCaughtByTheBlacklist_FindsEachRefusedSource_NotTheGrantedOne()
    {
        Assert.True(Peers.HaveNmap, "needs nmap");
        using var ns = new NetNs();
        IPAddress granted = ns.AddSecondClientV4();
        using var config = new TempConfig("""
            /ip firewall layer7-protocol
            add name=otp regexp="^open-[0-9]{4}-sesame\$"
            /ip firewall filter
            add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input dst-port=23 protocol=tcp
            add action=drop chain=input src-address-list=blacklist
            add action=add-src-to-address-list address-list=temporary address-list-timeout=30s chain=input dst-port=1234 layer7-protocol=otp protocol=udp
            add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=4321 protocol=tcp src-address-list=temporary
            add action=accept chain=input src-address-list=secured
            add action=drop chain=input
            /ipv6 firewall filter
            add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input dst-port=23 protocol=tcp
            add action=drop chain=input src-address-list=blacklist
            add action=accept chain=input protocol=icmpv6
            add action=drop chain=input
            """);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);

        ns.SendUdp(ns.ServerV4, 1234, 42000, "open-12a4-sesame"u8.ToArray());
        Assert.True(daemon.WaitForOutput($"sesame event=layer7-miss list=temporary src={ns.ClientV4} "), daemon.Output);
        SendUdp(ns, granted, ns.ServerV4, 1234, "OPEN-2026-Sesame"u8.ToArray());
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "temporary", granted)));
        ns.TryConnect(ns.ServerV4, 4321, 41000, source: granted);
        Assert.True(daemon.WaitForOutput($"sesame event=grant list=secured src={granted} "), daemon.Output);

        Peers.Nmap(ns, TimeSpan.FromMinutes(1), "-sS", "-p", "20-25", "-Pn", "-n", "--max-retries", "0", ns.ServerV4.ToString());
        Peers.Nmap(ns, TimeSpan.FromMinutes(1), "-6", "-sS", "-p", "20-25", "-Pn", "-n", "--max-retries", "0", ns.ServerV6.ToString());
        Assert.True(daemon.WaitForOutput($"sesame event=blacklist list=blacklist src={ns.ClientV4} "), daemon.Output);
        Assert.True(daemon.WaitForOutput($"sesame event=blacklist list=blacklist src={ns.ClientV6} "), daemon.Output);
        AssertFilterFinds(daemon.Output, [ns.ClientV4, ns.ClientV6], granted);
    }

    /// <summary>
    /// In each of the three forms: fail2ban-regex matches exactly the refusal lines (each of them, nothing else: no grant,
    /// stage or start line) and finds exactly the refused addresses.
    /// </summary>
    private static void AssertFilterFinds(string output, IPAddress[] refused, IPAddress grantedOnly)
    {
        string[] lines = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("sesame event=", StringComparison.Ordinal))];
        string[] refusals = [.. lines.Where(l => RefusalEvents.Any(e => l.StartsWith($"sesame event={e} ", StringComparison.Ordinal)))];
        Assert.Contains(lines, l => l.StartsWith("sesame event=grant ", StringComparison.Ordinal) || l.StartsWith("sesame event=spa-grant ", StringComparison.Ordinal));
        string stamp = DateTime.Now.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
        foreach ((string logType, string prefix) in (ReadOnlySpan<(string, string)>)[("file", ""), ("file", $"{stamp} server sesame[4242]: "), ("journal", "server sesame[4242]: ")])
        {
            string form = $"logtype={logType} prefix='{prefix}'";
            IReadOnlyList<string> matched = Fail2BanRegex.Run(lines.Select(l => prefix + l), "msg", logType);
            Assert.True(refusals.Length == matched.Count, $"{form}: {matched.Count} lines matched, {refusals.Length} refusals:\n{string.Join('\n', matched)}\n--- daemon:\n{output}");
            foreach (string refusal in refusals)
            {
                Assert.Contains(prefix + refusal, matched);
            }

            IReadOnlyList<string> found = Fail2BanRegex.Run(lines.Select(l => prefix + l), "ip", logType);
            Assert.Equal(refused.Select(a => a.ToString()).Order(StringComparer.Ordinal), found.Distinct().Order(StringComparer.Ordinal));
            Assert.DoesNotContain(grantedOnly.ToString(), found);
        }
    }

    private static byte[] Packet(SpaKeys keys) =>
        Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("alice", "0.0.0.0", [new SpaPort(IpProtocols.Tcp, 22)], null, TimeProvider.System), keys));

    private static void SendUdp(NetNs ns, IPAddress source, IPAddress server, int port, byte[] payload) => ns.InClient(() =>
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        return socket.SendTo(payload, new IPEndPoint(server, port));
    });
}
