using Sesame.Spa;

namespace Sesame.Tests.Commands;

/// <summary><c>sesame keygen</c>: a key pair in fwknop's format, private from the first byte written.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeygenCommandTests
{
    [Fact]
    public void Keygen_Stdout_TwoFwknopLinesThatParse()
    {
        CliRun run = CliRun.Of("keygen");

        Assert.Equal(0, run.Exit);
        string[] lines = run.Out.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("KEY_BASE64: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("HMAC_KEY_BASE64: ", lines[1], StringComparison.Ordinal);
        SpaKeys keys = SpaKeyFile.Parse(run.Out, "stdout");
        Assert.Equal(32, keys.EncryptionKey.Length);
        Assert.Equal(64, keys.HmacKey.Length);
        Assert.Equal(SpaHmacType.Sha256, keys.HmacType);
    }

    [Fact]
    public void Keygen_TwoRuns_DifferentKeys() =>
        Assert.NotEqual(SpaKeyFile.Parse(CliRun.Of("keygen").Out, "a"), SpaKeyFile.Parse(CliRun.Of("keygen").Out, "b"));

    [Fact]
    public void Keygen_Out_Mode0600AndReadable()
    {
        using var folder = new TempFile("unused", "");
        string path = Path.Combine(Path.GetDirectoryName(folder.Path)!, "door.keys");

        CliRun run = CliRun.Of("keygen", "--out", path);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(32, SpaKeyFile.Read(path).EncryptionKey.Length);
    }

    [Fact]
    public void Keygen_OutExists_RefusedAndUntouched()
    {
        using var existing = new TempFile("door.keys", "precious\n");

        CliRun run = CliRun.Of("keygen", "-o", existing.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains("exists already", run.Err, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(existing.Path));
    }

    [Fact]
    public void Keygen_ForceOverLooseFile_ReplacedWith0600()
    {
        using var existing = new TempFile("door.keys", "old\n");
        File.SetUnixFileMode(existing.Path, (UnixFileMode)0b110_110_110);

        CliRun run = CliRun.Of("keygen", "--out", existing.Path, "--force");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(existing.Path));
        Assert.Equal(64, SpaKeyFile.Read(existing.Path).HmacKey.Length);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(existing.Path)!));
    }

    [Fact]
    public void Keygen_OutInMissingDirectory_ExitOneNoTrace()
    {
        CliRun run = CliRun.Of("keygen", "--out", "/nonexistent/sesame/door.keys");

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot write /nonexistent/sesame/door.keys", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [FwknopFact]
    public void Keygen_StockFwknopClient_BuildsPacketWithTheKeys()
    {
        string fwknop = FwknopFactAttribute.Path!;
        CliRun run = CliRun.Of("keygen");
        SpaKeys keys = SpaKeyFile.Parse(run.Out, "stdout");
        using var home = new TempFile("packet", "");
        string dir = Path.GetDirectoryName(home.Path)!;
        var start = new System.Diagnostics.ProcessStartInfo(fwknop) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["-A", "tcp/22", "-s", "-D", "192.0.2.1", "--use-hmac", "--key-base64-rijndael", Convert.ToBase64String(keys.EncryptionKey), "--key-base64-hmac", Convert.ToBase64String(keys.HmacKey), "-T", "-B", home.Path, "-U", "frank"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = dir;
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), output);
        Assert.True(process.ExitCode == 0, output);

        byte[] packet = System.Text.Encoding.ASCII.GetBytes(File.ReadAllText(home.Path).Trim());
        Assert.Null(SpaPacket.TryOpen(packet, keys, out SpaMessage? message));
        Assert.Equal("frank", message!.User);
    }
}
