using System.Globalization;
using System.Text.RegularExpressions;
using Sesame.Spa;
using Sesame.Tests.Kernel;
using Sesame.Tests.WireSupport;

namespace Sesame.Tests.Wire;

/// <summary>
/// <c>sesame knock --spa</c> against the stock fwknopd (Debian fwknop-server 2.6) in a network namespace: fwknopd
/// accepts Sesame's packets and opens its iptables door, only for the address asked for, and refuses a wrong key.
/// fwknopd 2.6 is IPv4-only, so these tests are IPv4; the IPv6 door is Sesame's own (the daemon's tests).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class FwknopdPeerTests
{
    private static readonly string Service = Fwknopd.ServicePort.ToString(CultureInfo.InvariantCulture);

    [FwknopdFact]
    public void KnockSpa_FwknopdPcapMode_OpensDoorOnlyWithTheRightKeys()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        SpaKeys keys = SpaKeys.Generate();
        using BackgroundProcess fwknopd = Fwknopd.Start(pair, folder.Path, keys);
        string right = WriteKeys(folder, "right.keys", keys);
        string wrong = WriteKeys(folder, "wrong.keys", SpaKeys.Generate());

        // The door is shut, and a packet under other keys leaves it shut.
        ProcessResult refused = pair.Sesame("knock", pair.ServerV4.ToString(), "--spa", "--keys", wrong, "-A", $"tcp/{Service}", "--wait", Service, "--wait-timeout", "1500");
        Assert.True(refused.Exit == 3, refused + fwknopd.Output);
        Assert.DoesNotContain("Added access rule", fwknopd.Output, StringComparison.Ordinal);

        ProcessResult opened = pair.Sesame("knock", pair.ServerV4.ToString(), "--spa", "--keys", right, "-A", $"tcp/{Service}", "--wait", Service, "--wait-timeout", "8000", "-v");

        Assert.True(opened.Exit == 0, opened + fwknopd.Output);
        Assert.Contains($"port {Service}/tcp on {pair.ServerV4} is open", opened.Out, StringComparison.Ordinal);
        Assert.Contains(Fwknopd.Granted(pair.ClientV4.ToString()), fwknopd.Output, StringComparison.Ordinal);
    }

    [FwknopdFact]
    public void KnockSpa_FwknopdUdpServerMode_OpensDoor()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        SpaKeys keys = SpaKeys.Generate();
        using BackgroundProcess fwknopd = Fwknopd.Start(pair, folder.Path, keys, udpServer: true);

        ProcessResult opened = pair.Sesame("knock", pair.ServerV4.ToString(), "--spa", "--keys", WriteKeys(folder, "k", keys), "-A", $"tcp/{Service}", "--wait", Service, "--wait-timeout", "8000");

        Assert.True(opened.Exit == 0, opened + fwknopd.Output);
        Assert.Contains(Fwknopd.Granted(pair.ClientV4.ToString()), fwknopd.Output, StringComparison.Ordinal);
    }

    [FwknopdFact]
    public void KnockSpa_AllowIpToFwknopd_OpensThatAddressOnly()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        SpaKeys keys = SpaKeys.Generate();
        System.Net.IPAddress other = pair.AddSecondClientV4();
        using BackgroundProcess fwknopd = Fwknopd.Start(pair, folder.Path, keys);

        ProcessResult run = pair.Sesame("knock", pair.ServerV4.ToString(), "--spa", "--keys", WriteKeys(folder, "k", keys), "-A", $"tcp/{Service}", "-a", other.ToString(), "-f", "45");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.True(Poll.Until(() => fwknopd.Output.Contains(Fwknopd.Granted(other.ToString()), StringComparison.Ordinal), TimeSpan.FromSeconds(8)), fwknopd.Output);
        Assert.DoesNotContain(Fwknopd.Granted(pair.ClientV4.ToString()), fwknopd.Output, StringComparison.Ordinal);

        // -f 45: fwknopd honours the client's timeout (below its MAX_FW_TIMEOUT).
        long expires = long.Parse(ExpiresAt().Match(fwknopd.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 35, 46);

        // The door opened for the other address, not for the client's own.
        ProcessResult fromClient = pair.Sesame("knock", pair.ServerV4.ToString(), "--spa", "--keys", WriteKeys(folder, "k2", SpaKeys.Generate()), "-A", $"tcp/{Service}", "--wait", Service, "--wait-timeout", "1000");
        Assert.True(fromClient.Exit == 3, fromClient.ToString());
    }

    [FwknopdFact]
    public void KnockSpa_RcStanzaWithResolve_OpensTheRoutesSourceAddress()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        SpaKeys keys = SpaKeys.Generate();
        using BackgroundProcess fwknopd = Fwknopd.Start(pair, folder.Path, keys);
        string rc = folder.File("fwknoprc");
        File.WriteAllText(rc, $"""
            [default]
            USE_HMAC            Y
            [lab]
            SPA_SERVER          {pair.ServerV4}
            ACCESS              tcp/{Service}
            ALLOW_IP            resolve
            KEY_BASE64          {Convert.ToBase64String(keys.EncryptionKey)}
            HMAC_KEY_BASE64     {Convert.ToBase64String(keys.HmacKey)}

            """);
        File.SetUnixFileMode(rc, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        ProcessResult run = pair.Sesame("knock", "--spa", "--rc", rc, "-n", "lab", "--wait", Service, "--wait-timeout", "8000");

        Assert.True(run.Exit == 0, run + fwknopd.Output);
        Assert.Contains(Fwknopd.Granted(pair.ClientV4.ToString()), fwknopd.Output, StringComparison.Ordinal);
    }

    private static string WriteKeys(TempFolder folder, string name, SpaKeys keys)
    {
        string path = folder.File(name);
        File.WriteAllText(path, SpaKeyFile.Format(keys));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [GeneratedRegex("expires at ([0-9]+)")]
    private static partial Regex ExpiresAt();
}
