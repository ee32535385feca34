using Sesame.Spa;

namespace Sesame.Tests.Spa;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpaKeyFileTests : IDisposable
{
    private const string Key = "N8VBOcYRqc2AigNN40CPzNYcijfwPsOk8LZ39ojwwEw=";
    private const string HmacKey = "pEPt8LFSoWKA/YR1nDE5/WY3ONTU7k8oAF3myafFaftUEgrK1qiyrt3kfEfymyQVIWtuz8sG0L9bj9nrZ6ew7Q==";

    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_KeyGenOutput_ReadsBothKeys()
    {
        SpaKeys keys = SpaKeyFile.Parse($"KEY_BASE64: {Key}\nHMAC_KEY_BASE64: {HmacKey}\n", "k");

        Assert.Equal(Convert.FromBase64String(Key), keys.EncryptionKey);
        Assert.Equal(Convert.FromBase64String(HmacKey), keys.HmacKey);
        Assert.Equal(SpaHmacType.Sha256, keys.HmacType);
    }

    [Fact]
    public void Parse_FwknoprcSpellingWithCommentsAndDigestType_Reads()
    {
        SpaKeys keys = SpaKeyFile.Parse($"# made by hand\n\n  KEY_BASE64      {Key}  \nHMAC_KEY_BASE64\t{HmacKey} # the HMAC\nHMAC_DIGEST_TYPE  sha512\n", "rc");

        Assert.Equal(Convert.FromBase64String(Key), keys.EncryptionKey);
        Assert.Equal(SpaHmacType.Sha512, keys.HmacType);
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        SpaKeys keys = SpaKeys.Generate();
        var sha384 = new SpaKeys(keys.EncryptionKey, keys.HmacKey, SpaHmacType.Sha384);

        Assert.Equal(keys, SpaKeyFile.Parse(SpaKeyFile.Format(keys), "k"));
        Assert.Equal(sha384, SpaKeyFile.Parse(SpaKeyFile.Format(sha384), "k"));
        Assert.StartsWith("KEY_BASE64: ", SpaKeyFile.Format(keys), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage here\n", "k:1:1:")]
    [InlineData("KEY_BASE64: AAAA\nHMAC_KEY_BASE64: AAAA\n  !!\n", "k:3:3:")]
    [InlineData("KEY_BASE64: not*base64\nHMAC_KEY_BASE64: AAAA\n", "k:1:13:")]
    [InlineData("KEY_BASE64: AAAA\nHMAC_KEY_BASE64: AAAA\nSPA_SERVER 1.2.3.4\n", "k:3:1:")]
    [InlineData("KEY_BASE64: AAAA\nKEY_BASE64: AAAA\n", "k:2:1:")]
    [InlineData("KEY_BASE64: AAAA\nHMAC_KEY_BASE64: AAAA\nHMAC_DIGEST_TYPE md5\n", "k:3:18:")]
    [InlineData("KEY_BASE64\nHMAC_KEY_BASE64: AAAA\n", "k:1:11:")]
    public void Parse_Garbage_NamesLineAndColumn(string text, string place)
    {
        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Parse(text, "k"));

        Assert.StartsWith(place, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyTooLong_RefusedWithoutTheKey()
    {
        string long48 = Convert.ToBase64String(new byte[48]);

        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Parse($"KEY_BASE64: {long48}\nHMAC_KEY_BASE64: {HmacKey}\n", "k"));

        Assert.Contains("k:1:13: KEY_BASE64 holds 48 bytes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(long48, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PastedKeyLine_NeverEchoesIt()
    {
        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Parse($"{HmacKey}\n", "k"));

        Assert.DoesNotContain(HmacKey[..20], e.Message, StringComparison.Ordinal);
        Assert.StartsWith("k:1:1:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KEY_BASE64: AAAA\n", "no HMAC_KEY_BASE64")]
    [InlineData("HMAC_KEY_BASE64: AAAA\n", "no KEY_BASE64")]
    [InlineData("", "no KEY_BASE64")]
    public void Parse_KeyMissing_Refused(string text, string message)
    {
        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Parse(text, "k"));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Mode0600_Reads()
    {
        string path = Write("ok", $"KEY_BASE64: {Key}\nHMAC_KEY_BASE64: {HmacKey}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(Convert.FromBase64String(HmacKey), SpaKeyFile.Read(path).HmacKey);
    }

    [Fact]
    public void Read_GroupReadable_Reads()
    {
        string path = Write("group", $"KEY_BASE64: {Key}\nHMAC_KEY_BASE64: {HmacKey}\n", UnixFileMode.UserRead | UnixFileMode.GroupRead);

        Assert.Equal(Convert.FromBase64String(Key), SpaKeyFile.Read(path).EncryptionKey);
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public void Read_AnyBitForOthers_RefusedNamingThePath(UnixFileMode other)
    {
        string path = Write("open", $"KEY_BASE64: {Key}\nHMAC_KEY_BASE64: {HmacKey}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | other);

        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(path));

        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("chmod o-rwx", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SymlinkToWorldReadable_Refused()
    {
        string target = Write("target", $"KEY_BASE64: {Key}\nHMAC_KEY_BASE64: {HmacKey}\n", UnixFileMode.UserRead | UnixFileMode.OtherRead);
        string link = Path.Combine(_dir, "link");
        File.CreateSymbolicLink(link, target);

        Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(link));
    }

    [Fact]
    public void Read_Missing_RefusedNamingThePath()
    {
        string path = Path.Combine(_dir, "absent");

        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(path));

        Assert.Equal($"{path}: no such key file", e.Message);
    }

    [Fact]
    public void Read_Directory_Refused()
    {
        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(_dir));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooLong_Refused()
    {
        string path = Write("big", new string('#', SpaKeyFile.MaxLength + 1), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(path));

        Assert.Contains("too long", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Garbage_NamesPathLineAndColumn()
    {
        string path = Write("garbage", "KEY_BASE64: AAAA\n\u001b[31m\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        SpaKeyFileException e = Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(path));

        Assert.StartsWith(path + ":2:1:", e.Message, StringComparison.Ordinal);
    }

    [FwknopFact]
    public void Read_FwknopKeyGenFileAfterChmod_Reads()
    {
        string path = Path.Combine(_dir, "fwknop.keys");
        var start = new System.Diagnostics.ProcessStartInfo(Fwknop.Client!, ["--key-gen", "--key-gen-file", path]) { RedirectStandardOutput = true };
        start.Environment["HOME"] = _dir;
        using (System.Diagnostics.Process process = System.Diagnostics.Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(30_000));
        }

        // fwknop 2.6.10 writes the file 0644: Sesame refuses it until it is made private.
        Assert.Throws<SpaKeyFileException>(() => SpaKeyFile.Read(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        SpaKeys keys = SpaKeyFile.Read(path);

        Assert.Equal(32, keys.EncryptionKey.Length);
        Assert.Equal(64, keys.HmacKey.Length);
    }

    private string Write(string name, string text, UnixFileMode mode)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
