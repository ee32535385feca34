using System.Net;
using Sesame.Knock.Spa;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FwknopRcTests
{
    // 32 and 64 bytes, as fwknop --key-gen makes them (not secret: test values).
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string HmacKey = Convert.ToBase64String(Enumerable.Range(100, 64).Select(i => (byte)i).ToArray());

    private static string Rc => $"""
        # written by hand
        [default]
        SPA_SERVER_PORT     62299
        FW_TIMEOUT          45

        [web]
        SPA_SERVER          192.0.2.10
        ACCESS              tcp/22,udp/53
        ALLOW_IP            198.51.100.4
        KEY_BASE64:         {Key}
        HMAC_KEY_BASE64:    {HmacKey}   # the HMAC key
        HMAC_DIGEST_TYPE    sha512
        USE_HMAC            Y
        SPOOF_USER          bob

        [other]
        SPA_SERVER          192.0.2.11
        FW_TIMEOUT          20
        """;

    [Fact]
    public void Settings_NamedStanza_OverDefault()
    {
        SpaClientSettings settings = FwknopRc.Parse(Rc, "rc").Settings("web");

        Assert.Equal("192.0.2.10", settings.Server);
        Assert.Equal((ushort)62299, settings.Port);
        Assert.Equal(45, settings.FwTimeout);
        Assert.Equal("tcp/22,udp/53", SpaAccess.Format(settings.Access!.Value));
        Assert.Equal(new SpaAllow(SpaAllowKind.Address, IPAddress.Parse("198.51.100.4")), settings.Allow);
        Assert.Equal("bob", settings.User);
        Assert.Equal(new SpaKeys(Convert.FromBase64String(Key), Convert.FromBase64String(HmacKey), SpaHmacType.Sha512), settings.Keys);
        Assert.Equal("rc [web]", settings.KeysOrigin);
    }

    [Fact]
    public void Settings_NamedValue_OverridesDefault()
    {
        SpaClientSettings settings = FwknopRc.Parse(Rc, "rc").Settings("OTHER");

        Assert.Equal(20, settings.FwTimeout);
        Assert.Null(settings.Keys);
    }

    [Fact]
    public void Settings_MissingStanza_NamesTheOnesThere()
    {
        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse(Rc, "rc").Settings("mail"));

        Assert.Contains("no stanza [mail]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("web, other", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_AllowSourceAndResolve_Kinds()
    {
        Assert.Equal(SpaAllow.Source, FwknopRc.Parse("[default]\nALLOW_IP source\n", "rc").Settings(null).Allow);
        Assert.Equal(SpaAllowKind.Resolve, FwknopRc.Parse("[default]\nALLOW_IP resolve\n", "rc").Settings(null).Allow!.Value.Kind);
        Assert.Equal(SpaAllowKind.Resolve, FwknopRc.Parse("[default]\nRESOLVE_IP_HTTPS Y\n", "rc").Settings(null).Allow!.Value.Kind);
    }

    [Fact]
    public void Settings_PlainKeys_AreTheirBytes()
    {
        SpaClientSettings settings = FwknopRc.Parse("[x]\nKEY secret1\nHMAC_KEY secret2\n", "rc").Settings("x");

        Assert.Equal(new SpaKeys("secret1"u8.ToArray(), "secret2"u8.ToArray()), settings.Keys);
    }

    [Theory]
    [InlineData("SPA_SERVER_PORT 0", "rc:2:17: SPA_SERVER_PORT '0' is not a port")]
    [InlineData("SPA_SERVER_PROTO tcp", "UDP only")]
    [InlineData("ACCESS tcp/99999", "rc:2:8: ACCESS:")]
    [InlineData("ALLOW_IP www.example.com", "ALLOW_IP: 'www.example.com' is not an IPv4 or IPv6 address")]
    [InlineData("FW_TIMEOUT -5", "FW_TIMEOUT '-5'")]
    [InlineData("SPOOF_USER a:b", "SPOOF_USER:")]
    [InlineData("KEY_BASE64 !!!notbase64", "KEY_BASE64: not base64")]
    [InlineData("USE_HMAC N", "only packets with an HMAC")]
    [InlineData("USE_HMAC maybe", "is Y or N")]
    [InlineData("USE_GPG Y", "no GPG mode")]
    [InlineData("HMAC_DIGEST_TYPE md5", "sha256, sha384 or sha512")]
    [InlineData("DIGEST_TYPE md5", "SHA-256 digest only")]
    [InlineData("ENCRYPTION_MODE ecb", "CBC mode only")]
    [InlineData("NAT_ACCESS 10.0.0.1,22", "NAT_ACCESS: not supported")]
    [InlineData("KEY_FILE /tmp/keys", "KEY_FILE: not supported")]
    [InlineData("COLOUR blue", "unknown variable 'COLOUR'")]
    public void Settings_BadValue_ErrorWithPlace(string line, string expected)
    {
        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse($"[web]\n{line}\n", "rc").Settings("web"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("rc:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_KeyTooLong_RefusedWithoutTheKey()
    {
        string tooLong = Convert.ToBase64String(new byte[33]);

        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse($"[w]\nKEY_BASE64 {tooLong}\nHMAC_KEY_BASE64 {HmacKey}\n", "rc").Settings("w"));

        Assert.Contains("33 bytes; a key has 1..32", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(tooLong, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_OnlyOneKey_Refused()
    {
        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse($"[w]\nKEY_BASE64 {Key}\n", "rc").Settings("w"));

        Assert.Contains("KEY_BASE64 but no HMAC_KEY_BASE64", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_BadValueInAnUnusedStanza_Ignored()
    {
        SpaClientSettings settings = FwknopRc.Parse("[default]\nFW_TIMEOUT 9\n[broken]\nCOLOUR blue\n", "rc").Settings(null);

        Assert.Equal(9, settings.FwTimeout);
    }

    [Fact]
    public void Parse_EveryErrorReported_EachWithLineAndColumn()
    {
        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse("ACCESS tcp/22\n[default\nFW_TIMEOUT\nALLOW_IP 1.2.3.4 extra\n", "rc"));

        string[] lines = ex.Message.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("rc:1:1: 'ACCESS' comes before any stanza", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("rc:2:1: a stanza header is [NAME]", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("rc:3:1: 'FW_TIMEOUT' has no value", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("rc:4:18: 'ALLOW_IP' takes one word", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[web]\nSPA_SERVER 192.0.2.1\0evil\n", "rc:2:21: control character \\x00")]
    [InlineData("[web]\nSPA_SERVER 192.0.2.1\rACCESS tcp/1\n", "rc:2:21: control character \\x0d")]
    [InlineData("[web]\nSPA_SERVER \x1b[31m\n", "rc:2:12: control character \\x1b")]
    [InlineData("[we\0b]\n", "rc:1:4: control character \\x00")]
    public void Parse_ControlCharacter_RefusedWithPlace(string text, string expected)
    {
        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse(text, "rc"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NewlineInValue_IsTheNextLine()
    {
        // A value cannot carry a newline: what follows one is a line of its own, checked as such.
        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse("[web]\nACCESS tcp/22\nudp/53\n", "rc"));

        Assert.Contains("rc:3:1: this line has no value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecretGivenByMistake_NoLineCopiedIntoMessages()
    {
        // An SSH private key passed as the rc file: the messages name places, never a line's text.
        const string Secret = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
        string text = $"-----BEGIN OPENSSH PRIVATE KEY-----\n{Secret}\n[default]\n{Secret} {Secret}\nKEY_BASE64 x {Secret}\n";

        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse(text, "rc"));

        Assert.Equal(3, ex.Message.Split('\n').Length);
        Assert.DoesNotContain(Secret[..16], ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENSSH", ex.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse($"[default]\n{Secret} {Secret}\n", "rc").Settings(null));
        Assert.Equal("rc:2:72: unknown variable this line", unknown.Message);
    }

    [Fact]
    public void Parse_OneMegabyteLine_RefusedNotCut()
    {
        string text = $"[web]\nKEY_BASE64 {new string('A', 1 << 20)}\n";

        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Parse(text, "rc"));

        Assert.Equal($"rc:2:{FwknopRc.MaxLineLength + 1}: line longer than {FwknopRc.MaxLineLength} characters", ex.Message);
    }

    [Fact]
    public void Parse_CrLfLines_Accepted()
    {
        SpaClientSettings settings = FwknopRc.Parse("[default]\r\nFW_TIMEOUT 12\r\n", "rc").Settings(null);

        Assert.Equal(12, settings.FwTimeout);
    }

    [Fact]
    public void Read_OpenToOthers_RefusedNamingChmod()
    {
        using var folder = new TempFolder();
        string path = folder.File("fwknoprc");
        File.WriteAllText(path, "[default]\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var ex = Assert.Throws<FwknopRcException>(() => FwknopRc.Read(path));

        Assert.Contains("mode 604", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Private_Parsed()
    {
        using var folder = new TempFolder();
        string path = folder.File("fwknoprc");
        File.WriteAllText(path, "[default]\nSPA_SERVER_PORT 1234\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal((ushort)1234, FwknopRc.Read(path).Settings(null).Port);
    }

    [Fact]
    public void Read_MissingOrDirectory_ClearMessage()
    {
        using var folder = new TempFolder();

        Assert.Contains("no such file", Assert.Throws<FwknopRcException>(() => FwknopRc.Read(folder.File("none"))).Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Throws<FwknopRcException>(() => FwknopRc.Read(folder.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooLong_Refused()
    {
        using var folder = new TempFolder();
        string path = folder.File("fwknoprc");
        File.WriteAllText(path, "[default]\n" + string.Concat(Enumerable.Repeat("# comment line of some length here\n", 10_000)));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("at most", Assert.Throws<FwknopRcException>(() => FwknopRc.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_DoorPortDefault_IsFwknopd() => Assert.Equal((ushort)62201, SpaDoor.DefaultPort);
}
