using System.Text;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.Spa;

namespace Sesame.Tests.Fwknop;

public sealed class FwknopImporterTests
{
    private const string Key = "AXqmNiSXHxFTBN+m+E6DWkMneWqvYnsko3nYMNsYZVs=";
    private const string Hmac = "eM90jSqfLEQIuJnTH4JuwL7ouZb8dwvv+r+tPCcl5/f8e4l0Xf420v0IRbfzsB+u5aj294XhYjCvWr1FoB64AA==";
    private const string Key2 = "kQmu00i4qUeaH1KjBky17oOJR0A9kQoeBgxL9FdZnh4=";
    private const string Hmac2 = "pFBAHJDKTjsY/LZncxXTqxSSJelLLbUQ+Tu0xWEdrMrZ2ReuqLFjG+NjIjBIxissrwdxQd5BpNjKuLf6nOmHwg==";

    private static readonly string DebianAccess = RepoPaths.Combine("tests", "Sesame.Profiles.Tests", "Fwknop", "debian-access.conf");
    private static readonly string DebianDaemon = RepoPaths.Combine("tests", "Sesame.Profiles.Tests", "Fwknop", "debian-fwknopd.conf");

    private static string Stanza(string source = "ANY", string extra = "", string ports = "tcp/22") =>
        $"SOURCE {source}\nKEY_BASE64 {Key}\nHMAC_KEY_BASE64 {Hmac}\n" + (ports.Length > 0 ? $"OPEN_PORTS {ports}\n" : "") + extra;

    private static FwknopImport Import(string access, string? daemon = null, FwknopImportOptions? options = null) =>
        FwknopImporter.Import(access, "access.conf", daemon, daemon is null ? null : "fwknopd.conf", options);

    private static string[] Found(FwknopImport import) => [.. import.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}")];

    [Fact]
    public void Import_DebianShapedFiles_OneIpv4SpaDoorOnPort22WithFwknopdsDefaults()
    {
        FwknopImport import = FwknopImporter.Import(File.ReadAllText(DebianAccess), "access.conf", File.ReadAllText(DebianDaemon), "fwknopd.conf");

        Assert.Empty(import.Diagnostics);
        Door door = Assert.Single(import.Profile.Doors);
        Assert.Equal(("fwknop", DoorFamily.Ipv4, 30), (door.Name, door.Family, (int)door.OpenFor.TotalSeconds));
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp)], door.Open);
        DoorSpa spa = door.Spa!;
        Assert.Equal((62201, 120, 300, false, false), (spa.Port, (int)spa.Window.TotalSeconds, (int)spa.MaxOpenFor.TotalSeconds, spa.AllowAddress, spa.RequireAddress));
        DoorSpaUser user = Assert.Single(spa.Users);
        Assert.Equal(("stanza1", "fwknop-stanza1.keys"), (user.Name, user.KeyFile));
        Assert.Equal(new SpaKeys(Convert.FromBase64String(Key), Convert.FromBase64String(Hmac)), user.Keys);
        Assert.Empty(user.Sources);
        Assert.Empty(user.Open);
        Assert.Equal(TimeSpan.FromSeconds(30), user.OpenFor);
        Assert.Equal(new SourceLocation("access.conf", 19, 1), user.Location);
    }

    [Fact]
    public void Import_DebianDefaultWithChangeMe_IsAnErrorAsInFwknopd()
    {
        FwknopImport import = Import("SOURCE              ANY\nKEY_BASE64          __CHANGEME__\nHMAC_KEY_BASE64     __CHANGEME__\n");

        Assert.Equal(["SES0692@2:21", "SES0692@3:21"], Found(import));
        Assert.All(import.Diagnostics, d => Assert.Contains("__CHANGEME__", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Import_SeveralStanzas_UsersInOrderWithTheirOwnSourcesPortsAndTimes()
    {
        string access = Stanza("192.0.2.0/24, 198.51.100.7", "FW_ACCESS_TIMEOUT 60\nMAX_FW_TIMEOUT 600\n", "tcp/22, udp/51820")
            + $"\nSOURCE 203.0.113.0/255.255.255.0\nKEY {"a passphrase"}\nHMAC_KEY {"another one"}\nHMAC_DIGEST_TYPE sha512\nOPEN_PORTS tcp/22\nREQUIRE_SOURCE_ADDRESS Y\n";

        FwknopImport import = Import(access);

        Assert.DoesNotContain(import.Diagnostics, d => d.IsError);
        Door door = Assert.Single(import.Profile.Doors);
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp), new OpenPort(51820, IpProtocols.Udp)], door.Open);
        DoorSpa spa = door.Spa!;
        Assert.True(spa.RequireAddress);
        Assert.Equal(["stanza1", "stanza2"], spa.Users.Select(u => u.Name));
        Assert.Equal(["192.0.2.0/24", "198.51.100.7"], spa.Users[0].Sources.Select(s => s.ToString()));
        Assert.Empty(spa.Users[0].Open);
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(600)), (spa.Users[0].OpenFor, spa.Users[0].MaxOpenFor));
        Assert.Equal(["203.0.113.0/24"], spa.Users[1].Sources.Select(s => s.ToString()));
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp)], spa.Users[1].Open);
        Assert.Equal(new SpaKeys(Encoding.UTF8.GetBytes("a passphrase"), Encoding.UTF8.GetBytes("another one"), SpaHmacType.Sha512), spa.Users[1].Keys);
        // Only stanza 2 asked for REQUIRE_SOURCE_ADDRESS; the door-wide setting is named in a warning.
        Assert.Equal(["SES0691@8:1"], Found(import));
    }

    [Theory]
    [InlineData("REQUIRE_USERNAME alice\n", "REQUIRE_USERNAME")]
    [InlineData("ACCESS_EXPIRE 01/01/2030\n", "expiry")]
    [InlineData("ACCESS_EXPIRE_EPOCH 1900000000\n", "expiry")]
    [InlineData("CMD_CYCLE_OPEN iptables -A INPUT -s $SRC -j ACCEPT\n", "runs commands")]
    [InlineData("FORCE_NAT 192.168.1.2 22\n", "forwards")]
    [InlineData("FORWARD_ALL Y\n", "forwards")]
    [InlineData("ENCRYPTION_MODE legacy\n", "CBC")]
    [InlineData("HMAC_DIGEST_TYPE md5\n", "SHA256")]
    [InlineData("DESTINATION 10.0.0.1\n", "destination")]
    public void Import_StanzaSesameCannotExpress_IsLeftOutWithAWarningAtItsLine(string line, string why)
    {
        FwknopImport import = Import(Stanza() + "\n" + Stanza("192.0.2.1", line));

        Diagnostic warning = Assert.Single(import.Diagnostics);
        Assert.Equal((Severity.Warning, "SES0691", 10), (warning.Severity, warning.Code, warning.Location.Line));
        Assert.Contains("stanza 2 (SOURCE 192.0.2.1, line 6) is left out", warning.Message, StringComparison.Ordinal);
        Assert.Contains(why, warning.Message, StringComparison.Ordinal);
        Assert.Equal(["stanza1"], import.Profile.Doors[0].Spa!.Users.Select(u => u.Name));
    }

    [Fact]
    public void Import_StanzaWithoutHmacKey_IsLeftOut()
    {
        FwknopImport import = Import(Stanza() + $"SOURCE 192.0.2.1\nKEY_BASE64 {Key2}\nOPEN_PORTS tcp/22\n");

        Assert.Equal(["SES0691@5:1"], Found(import));
        Assert.Contains("HMAC", import.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Single(import.Profile.Doors[0].Spa!.Users);
    }

    [Fact]
    public void Import_GpgOnlyStanza_IsLeftOutAndItsGpgSettingsNamed()
    {
        FwknopImport import = Import(Stanza() + "SOURCE 192.0.2.1\nGPG_DECRYPT_ID ABCD1234\nGPG_REMOTE_ID 1234ABCD\nOPEN_PORTS tcp/22\n");

        Assert.Equal(["SES0691@5:1", "SES0691@6:1", "SES0691@7:1"], Found(import));
        Assert.Contains("GPG", import.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OnlyUnusableStanzas_IsAnError()
    {
        FwknopImport import = Import(Stanza(extra: "REQUIRE_USERNAME alice\n"));

        Assert.Contains("SES0690@1:1", Found(import));
        Assert.True(import.HasErrors);
    }

    [Fact]
    public void Import_StanzaWithoutOpenPorts_IsAnErrorNamingItsLine()
    {
        FwknopImport import = Import(Stanza(ports: ""));

        Diagnostic error = Assert.Single(import.Diagnostics);
        Assert.Equal("SES0692@1:1", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("OPEN_PORTS", error.Message, StringComparison.Ordinal);
        Assert.Contains("--open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_StanzaWithoutOpenPortsAndOpenGiven_OpensTheGivenPortsLessRestrictPorts()
    {
        var options = new FwknopImportOptions { Open = [new OpenPort(22, IpProtocols.Tcp), new OpenPort(443, IpProtocols.Tcp)] };

        FwknopImport import = Import(Stanza(ports: "", extra: "RESTRICT_PORTS tcp/443\n"), options: options);

        Assert.Empty(import.Diagnostics);
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp)], import.Profile.Doors[0].Open);
    }

    [Fact]
    public void Import_RestrictPortsTakingEveryPort_LeavesTheStanzaOut()
    {
        FwknopImport import = Import(Stanza(extra: "RESTRICT_PORTS tcp/22\n") + "\n" + Stanza("192.0.2.1", ports: "tcp/443"));

        Assert.Equal(["SES0691@1:1"], Found(import));
        Assert.Equal([new OpenPort(443, IpProtocols.Tcp)], import.Profile.Doors[0].Open);
    }

    [Theory]
    [InlineData("SOURCE 10.0.0.0/33", "SES0692@1:8")]
    [InlineData("SOURCE 2001:db8::/32", "SES0692@1:8")]
    [InlineData("SOURCE 10.1", "SES0692@1:8")]
    [InlineData("SOURCE 10.0.0.0/255.0.255.0", "SES0692@1:8")]
    [InlineData("SOURCE host.example.com", "SES0692@1:8")]
    public void Import_BadSource_IsAnErrorAtTheValue(string line, string expected)
    {
        FwknopImport import = Import(Stanza().Replace("SOURCE ANY", line, StringComparison.Ordinal));

        Assert.Equal([expected], Found(import));
    }

    [Theory]
    [InlineData("OPEN_PORTS tcp/0", "SES0692@4:12")]
    [InlineData("OPEN_PORTS icmp/8", "SES0692@4:12")]
    [InlineData("OPEN_PORTS tcp/70000", "SES0692@4:12")]
    [InlineData("FW_ACCESS_TIMEOUT 0", "SES0692@5:19")]
    [InlineData("FW_ACCESS_TIMEOUT 99999999", "SES0692@5:19")]
    [InlineData("HMAC_DIGEST_TYPE sha999", "SES0692@5:18")]
    public void Import_BadValue_IsAnErrorAtTheValue(string line, string expected)
    {
        string access = line.StartsWith("OPEN_PORTS", StringComparison.Ordinal)
            ? Stanza().Replace("OPEN_PORTS tcp/22", line, StringComparison.Ordinal)
            : Stanza(extra: line + "\n");

        Assert.Contains(expected, Found(Import(access)));
    }

    [Fact]
    public void Import_BadBase64Key_IsAnErrorThatDoesNotRepeatTheValue()
    {
        FwknopImport import = Import(Stanza().Replace(Hmac, "hunter2-not*base64", StringComparison.Ordinal));

        Diagnostic error = Assert.Single(import.Diagnostics);
        Assert.Equal("SES0692@3:17", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_KeyLongerThanRijndaelTakes_IsAnError()
    {
        FwknopImport import = Import(Stanza().Replace(Key, Convert.ToBase64String(new byte[33]), StringComparison.Ordinal));

        Assert.Equal(["SES0692@2:12"], Found(import));
    }

    [Fact]
    public void Import_CommandExecution_IsWarnedAndTheStanzaKeptForAccessOnly()
    {
        FwknopImport import = Import(Stanza(extra: "ENABLE_CMD_EXEC Y\nCMD_EXEC_USER nobody\n"));

        Assert.Equal(["SES0691@5:1", "SES0691@6:1"], Found(import));
        Assert.Contains("refuses every command message", import.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Single(import.Profile.Doors[0].Spa!.Users);
    }

    [Fact]
    public void Import_UnknownDirectivesAndIncludes_AreWarningsAtTheirLines()
    {
        FwknopImport import = Import("%include /etc/fwknop/more.conf\nVERBOSE 1\n" + Stanza(extra: "NOT_A_THING yes\n%include_keys /etc/fwknop/keys.conf\n"));

        Assert.Equal(["SES0691@1:1", "SES0691@2:1", "SES0691@7:1", "SES0691@8:1"], Found(import));
        Assert.False(import.HasErrors);
    }

    [Fact]
    public void Import_FwknopLineSyntax_ColonSemicolonAndBlanksAsFwknopdReadsThem()
    {
        FwknopImport import = Import($"SOURCE: ANY;\n\tKEY_BASE64:\t{Key}   ;comment\n; a comment\nHMAC_KEY_BASE64 {Hmac}\nOPEN_PORTS   tcp/22 ,udp/53  \n");

        Assert.Empty(import.Diagnostics);
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp), new OpenPort(53, IpProtocols.Udp)], import.Profile.Doors[0].Open);
        Assert.Equal(new SpaKeys(Convert.FromBase64String(Key), Convert.FromBase64String(Hmac)), import.Profile.Doors[0].Spa!.Users[0].Keys);
    }

    [Theory]
    [InlineData("SOURCE ANY\u0000", "SES0690@1:11")]
    [InlineData("SOURCE \u001b[2JANY", "SES0690@1:8")]
    [InlineData("SOURCE ANY\u2028OPEN_PORTS tcp/1", "SES0690@1:11")]
    [InlineData("SOURCE", "SES0690@1:1")]
    public void Import_HostileLine_IsRefusedAtItsPlace(string line, string expected)
    {
        FwknopImport import = Import(line + "\n" + Stanza());

        Assert.Contains(expected, Found(import));
        Assert.True(import.HasErrors);
        Assert.DoesNotContain(import.Diagnostics, d => d.ToString().Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public void Import_LongLineAndHugeFile_AreRefused()
    {
        Assert.Equal(["SES0690@1:1"], Found(Import("SOURCE " + new string('1', 5000) + "\n")).Take(1));
        Assert.Equal(["SES0690@1:1"], Found(Import(Stanza() + new string('#', 2 << 20))));
    }

    [Fact]
    public void Import_FwknopdConf_SetsPortWindowAndInterfaceAndNamesTheRest()
    {
        const string Daemon = "PCAP_INTF eth1;\nPCAP_FILTER udp port 40001;\nMAX_SPA_PACKET_AGE 60;\nENABLE_SPA_PACKET_AGING N;\nFIREWALL_EXE /sbin/iptables;\n";

        FwknopImport import = Import(Stanza(), Daemon);

        DoorSpa spa = import.Profile.Doors[0].Spa!;
        Assert.Equal((40001, 60), (spa.Port, (int)spa.Window.TotalSeconds));
        Assert.Equal(["eth1"], import.Profile.Outside);
        Assert.Equal(["SES0691@4:1", "SES0691@5:1"], Found(import));
        Assert.All(import.Diagnostics, d => Assert.Equal("fwknopd.conf", d.Location.File));
    }

    [Fact]
    public void Import_FwknopdConfUdpServer_TakesUdpservPortAndNotThePcapFilter()
    {
        FwknopImport import = Import(Stanza(), "ENABLE_UDP_SERVER Y;\nUDPSERV_PORT 40002;\nPCAP_FILTER udp port 40001;\n");

        Assert.Equal(40002, import.Profile.Doors[0].Spa!.Port);
        Assert.Equal(["SES0691@3:1"], Found(import));
    }

    [Fact]
    public void Import_PcapFilterSesameCannotRead_WarnsAndKeepsTheDefaultPort()
    {
        FwknopImport import = Import(Stanza(), "PCAP_FILTER udp port 62201 or tcp port 62201;\n");

        Assert.Equal(62201, import.Profile.Doors[0].Spa!.Port);
        Assert.Equal(["SES0691@1:13"], Found(import));
    }

    [Theory]
    [InlineData("PCAP_INTF eth0;x;", false)]
    [InlineData("PCAP_INTF a/b;", true)]
    [InlineData("PCAP_INTF 0123456789abcdef;", true)]
    public void Import_BadInterface_IsAnError(string line, bool error)
    {
        Assert.Equal(error, Import(Stanza(), line).HasErrors);
    }

    [Fact]
    public void Import_WrittenProfile_HoldsNoKeyMaterial()
    {
        FwknopImport import = Import(Stanza() + "\n" + Stanza("192.0.2.0/24").Replace(Key, Key2, StringComparison.Ordinal).Replace(Hmac, Hmac2, StringComparison.Ordinal));

        string yaml = ProfileWriter.Write(import.Profile);

        foreach (string secret in new[] { Key, Hmac, Key2, Hmac2 })
        {
            Assert.DoesNotContain(secret, yaml, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..12], yaml, StringComparison.Ordinal);
        }

        Assert.Contains("keys: \"fwknop-stanza1.keys\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_KeysDirectory_NamesTheKeyFilesInIt()
    {
        FwknopImport import = Import(Stanza(), options: new FwknopImportOptions { KeysDirectory = "keys" });

        Assert.Equal(Path.Combine("keys", "fwknop-stanza1.keys"), import.Profile.Doors[0].Spa!.Users[0].KeyFile);
    }

    [Theory]
    [InlineData("tcp/22,udp/51820", true)]
    [InlineData("22, 443/tcp, 51820/udp", true)]
    [InlineData("tcp/22,", true)]
    [InlineData("", false)]
    [InlineData("ssh", false)]
    [InlineData("icmp/8", false)]
    [InlineData("tcp/22/udp", false)]
    public void TryParsePorts_ProfileAndFwknopSpellings(string text, bool ok) =>
        Assert.Equal(ok, FwknopImporter.TryParsePorts(text, out _, out _));
}
