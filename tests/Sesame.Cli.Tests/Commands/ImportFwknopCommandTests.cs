namespace Sesame.Tests.Commands;

/// <summary>
/// <c>sesame import fwknop</c>: the printed profile works from where it is saved, its key files are 0600, and neither
/// the profile nor any export of it holds key material.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ImportFwknopCommandTests : IDisposable
{
    private const string Key = "AXqmNiSXHxFTBN+m+E6DWkMneWqvYnsko3nYMNsYZVs=";
    private const string Hmac = "eM90jSqfLEQIuJnTH4JuwL7ouZb8dwvv+r+tPCcl5/f8e4l0Xf420v0IRbfzsB+u5aj294XhYjCvWr1FoB64AA==";
    private const string Key2 = "kQmu00i4qUeaH1KjBky17oOJR0A9kQoeBgxL9FdZnh4=";
    private const string Hmac2 = "pFBAHJDKTjsY/LZncxXTqxSSJelLLbUQ+Tu0xWEdrMrZ2ReuqLFjG+NjIjBIxissrwdxQd5BpNjKuLf6nOmHwg==";

    private const string Access = $"""
        # access.conf
        SOURCE              ANY
        KEY_BASE64          {Key}
        HMAC_KEY_BASE64     {Hmac}
        OPEN_PORTS          tcp/22
        FW_ACCESS_TIMEOUT   30

        SOURCE              192.0.2.0/24
        KEY_BASE64          {Key2}
        HMAC_KEY_BASE64     {Hmac2}
        OPEN_PORTS          tcp/22, tcp/443
        ENABLE_CMD_EXEC     Y
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-fwknop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertNoKeys(string text)
    {
        foreach (string secret in new[] { Key, Hmac, Key2, Hmac2 })
        {
            Assert.DoesNotContain(secret[..16], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Import_Fwknop_PrintsAProfileThatChecksAndWritesOwnerOnlyKeyFiles()
    {
        string access = Write("access.conf", Access);
        string keys = Path.Combine(_dir, "keys");

        CliRun import = CliRun.Of("import", "fwknop", access, "--keys-dir", keys);

        Assert.Equal(0, import.Exit);
        Assert.Contains("access.conf:12:1: warning SES0691", import.Err, StringComparison.Ordinal);
        AssertNoKeys(import.Out + import.Err);
        Assert.Contains("spa:", import.Out, StringComparison.Ordinal);
        Assert.Contains($"keys: \"{Path.Combine(keys, "fwknop-stanza1.keys")}\"", import.Out, StringComparison.Ordinal);
        foreach (string file in new[] { "fwknop-stanza1.keys", "fwknop-stanza2.keys" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, file)));
        }

        Assert.Contains(Key2, File.ReadAllText(Path.Combine(keys, "fwknop-stanza2.keys")), StringComparison.Ordinal);
        string profile = Write("door.yaml", import.Out);
        CliRun check = CliRun.Of("check", profile);
        Assert.Equal(0, check.Exit);
        Assert.Contains("warning SES0615", check.Out + check.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("SES0501", check.Out + check.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ImportedProfile_WritesTheDropAndAcceptsButNeverAKey()
    {
        CliRun import = CliRun.Of("import", "fwknop", Write("access.conf", Access), "--keys-dir", _dir);
        string profile = Write("door.yaml", import.Out);

        CliRun routeros = CliRun.Of("export", profile, "--to", "routeros", "--no-wrap");
        CliRun nft = CliRun.Of("export", profile, "--to", "nft");

        Assert.Equal((0, 0), (routeros.Exit, nft.Exit));
        Assert.Contains("dst-port=62201", routeros.Out, StringComparison.Ordinal);
        Assert.Contains("src-address-list=fwknop-spa-tcp22", routeros.Out, StringComparison.Ordinal);
        Assert.Contains("src-address-list=fwknop-spa-tcp443", routeros.Out, StringComparison.Ordinal);
        Assert.Contains("udp dport 62201", nft.Out, StringComparison.Ordinal);
        AssertNoKeys(routeros.Out + routeros.Err + nft.Out + nft.Err);
    }

    [Fact]
    public void Simulate_ImportedProfile_KeepsThePortsShut()
    {
        CliRun import = CliRun.Of("import", "fwknop", Write("access.conf", Access), "--keys-dir", _dir);
        string profile = Write("door.yaml", import.Out);

        CliRun run = CliRun.WithInput("0 192.0.2.7 udp 62201\n1 192.0.2.7 tcp 22\n", "simulate", profile, "-", "--json");

        Assert.Equal(0, run.Exit);
        Assert.All(run.Json.GetProperty("packets").EnumerateArray(), p => Assert.Equal("drop", p.GetProperty("verdict").GetString()));
    }

    [Fact]
    public void Import_FwknopdConf_SetsThePortAndWindow()
    {
        string daemon = Write("fwknopd.conf", "PCAP_FILTER udp port 40001;\nMAX_SPA_PACKET_AGE 60;\n");

        CliRun import = CliRun.Of("import", "fwknop", Write("access.conf", Access), "--fwknopd-conf", daemon, "--keys-dir", _dir);

        Assert.Equal(0, import.Exit);
        Assert.Contains("port: 40001", import.Out, StringComparison.Ordinal);
        Assert.Contains("window: 1m", import.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_StanzaWithoutOpenPorts_ExitsOneWritesNoKeyFileAndPrintsNothing()
    {
        string access = Write("access.conf", Access.Replace("OPEN_PORTS          tcp/22\n", "", StringComparison.Ordinal));

        CliRun import = CliRun.Of("import", "fwknop", access, "--keys-dir", Path.Combine(_dir, "keys"));

        Assert.Equal(1, import.Exit);
        Assert.Empty(import.Out);
        Assert.Contains("access.conf:2:1: error SES0692", import.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "keys")));
        Assert.True(import.HasNoStackTrace);
    }

    [Fact]
    public void Import_StanzaWithoutOpenPortsAndOpenGiven_OpensThoseOnly()
    {
        string access = Write("access.conf", Access.Replace("OPEN_PORTS          tcp/22\n", "", StringComparison.Ordinal));

        CliRun import = CliRun.Of("import", "fwknop", access, "--keys-dir", _dir, "--open", "tcp/2222");

        Assert.Equal(0, import.Exit);
        Assert.Contains("open: [2222, 22, 443]", import.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_KeyFileWithOtherKeysThere_ExitsOneAndKeepsIt()
    {
        string existing = Write("fwknop-stanza1.keys", $"KEY_BASE64: {Key2}\nHMAC_KEY_BASE64: {Hmac2}\n");
        File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CliRun import = CliRun.Of("import", "fwknop", Write("access.conf", Access), "--keys-dir", _dir);

        Assert.Equal(1, import.Exit);
        Assert.Empty(import.Out);
        Assert.Contains("error SES0693", import.Err, StringComparison.Ordinal);
        Assert.Contains(Key2, File.ReadAllText(existing), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "fwknop-stanza2.keys")));
    }

    [Theory]
    [InlineData("--open", "ssh")]
    [InlineData("--open", "icmp/8")]
    [InlineData("--keys-dir", "a\nb")]
    [InlineData("--keys-dir", "a\u001bb")]
    public void Import_BadOpen_IsAUsageError(string option, string value)
    {
        CliRun import = CliRun.Of("import", "fwknop", Write("access.conf", Access), option, value);

        Assert.Equal(2, import.Exit);
        Assert.Contains(option, import.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir, "*.keys", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("--keys-dir")]
    [InlineData("--fwknopd-conf")]
    [InlineData("--open")]
    public void Import_FwknopOptionWithKnockd_IsAUsageError(string option)
    {
        CliRun import = CliRun.Of("import", "knockd", Write("knockd.conf", "[o]\nsequence = 1,2\n"), option, "tcp/22");

        Assert.Equal(2, import.Exit);
    }

    [Fact]
    public void Import_MissingAccessConf_ExitsOneWithoutAStackTrace()
    {
        CliRun import = CliRun.Of("import", "fwknop", Path.Combine(_dir, "nope.conf"));

        Assert.Equal(1, import.Exit);
        Assert.Contains("no such file", import.Err, StringComparison.Ordinal);
        Assert.True(import.HasNoStackTrace);
    }

    [Fact]
    public void Import_HostileAccessConf_ExitsOneAndEscapesTheMessage()
    {
        string access = Write("access.conf", "SOURCE \u001b[2JANY\n" + Access);

        CliRun import = CliRun.Of("import", "fwknop", access, "--keys-dir", _dir);

        Assert.Equal(1, import.Exit);
        Assert.DoesNotContain('\u001b', import.Err);
        Assert.Empty(import.Out);
    }
}
