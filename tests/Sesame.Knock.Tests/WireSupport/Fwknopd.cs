using Sesame.Spa;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.WireSupport;

/// <summary>
/// The Debian fwknopd in the foreground in the server namespace, with its own config, access file, PID file, digest
/// cache and run directory in the test's folder, so nothing of the host's fwknop is read or written. Its firewall is
/// iptables (nf_tables back end) inside the namespace. The protected service is a listener on <see cref="ServicePort"/>
/// behind an iptables drop rule that fwknopd's own jump (inserted first in INPUT) bypasses for the sources it grants.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class Fwknopd
{
    public const int ServicePort = 2222;

    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(15);

    public static BackgroundProcess Start(NetNs pair, string folder, SpaKeys keys, bool udpServer = false)
    {
        string config = Path.Combine(folder, "fwknopd.conf");
        string access = Path.Combine(folder, "access.conf");
        File.WriteAllText(config, $"""
            PCAP_INTF               {pair.ServerInterface};
            FWKNOP_RUN_DIR          {folder};
            FIREWALL_EXE            {Tools.Require("iptables")};
            ENABLE_UDP_SERVER       {(udpServer ? "Y" : "N")};

            """);
        File.WriteAllText(access, $"""
            SOURCE              ANY
            KEY_BASE64          {Convert.ToBase64String(keys.EncryptionKey)}
            HMAC_KEY_BASE64     {Convert.ToBase64String(keys.HmacKey)}
            OPEN_PORTS          tcp/{ServicePort}
            FW_ACCESS_TIMEOUT   30

            """);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(access, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        ProcessResult drop = pair.Run(pair.Server, StartWait, Tools.Require("iptables"), "-A", "INPUT", "-p", "tcp", "--dport", ServicePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "DROP");
        if (drop.Exit != 0)
        {
            throw new InvalidOperationException("iptables in the server namespace: " + drop);
        }

        BackgroundProcess listener = pair.Start(pair.Server, Tools.Require("perl"), "-MIO::Socket::INET", "-e",
            $"$| = 1; my $s = IO::Socket::INET->new(LocalAddr => '{pair.ServerV4}', LocalPort => {ServicePort}, Listen => 5, ReuseAddr => 1) or die $!; print \"listening\\n\"; while (my $c = $s->accept) {{ close $c }}");
        listener.WaitForOutput("listening", StartWait);

        BackgroundProcess fwknopd = pair.Start(pair.Server, Tools.Require("fwknopd"), "-f", "-v", "-c", config, "-a", access, "-i", pair.ServerInterface,
            "-p", Path.Combine(folder, "fwknopd.pid"), "-d", Path.Combine(folder, "digest.cache"), "-r", folder);
        fwknopd.WaitForOutput(udpServer ? "Kicking off UDP server" : "Starting fwknopd main event loop", StartWait);
        return fwknopd;
    }

    /// <summary>fwknopd's line for a granted packet: <c>Added access rule to FWKNOP_INPUT for ADDR -> 0.0.0.0/0 tcp/PORT, expires at T</c>.</summary>
    public static string Granted(string address) => $"Added access rule to FWKNOP_INPUT for {address} -> 0.0.0.0/0 tcp/{ServicePort}, expires at ";
}
