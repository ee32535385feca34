using System.Diagnostics;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.Spa;

namespace Sesame.Tests.Fwknop;

/// <summary>An imported profile, read back from its directory, holds the keys that open the stock fwknop client's packets.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FwknopImportClientTests : IDisposable
{
    private const string Hmac = "eM90jSqfLEQIuJnTH4JuwL7ouZb8dwvv+r+tPCcl5/f8e4l0Xf420v0IRbfzsB+u5aj294XhYjCvWr1FoB64AA==";

    private readonly KeyDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [FwknopClientFact]
    public void Import_PassphraseKeyStanza_OpensThePacketTheStockClientBuildsWithThatPassphrase()
    {
        FwknopImport import = FwknopImporter.Import($"SOURCE ANY\nKEY my pass phrase\nHMAC_KEY_BASE64 {Hmac}\nOPEN_PORTS tcp/22\n", "access.conf");
        Assert.False(import.HasErrors, string.Join("\n", import.Diagnostics));
        Assert.Empty(FwknopKeyFiles.Write(import.Profile, _dir.Path));
        string profile = _dir.Combine("door.yaml");
        File.WriteAllText(profile, ProfileWriter.Write(import.Profile));
        ProfileResult read = ProfileReader.Read(File.ReadAllText(profile), profile);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        SpaKeys keys = read.Config.SpaDoors.Single().Users.Single().Keys;

        byte[] packet = Build("-A", "tcp/22", "-a", "192.0.2.7", "-D", "127.0.0.1", "--use-hmac", "--key-rijndael", "my pass phrase", "--key-base64-hmac", Hmac);

        Assert.Null(SpaPacket.TryOpen(packet, keys, out SpaMessage? message));
        Assert.Equal([new SpaPort(IpProtocols.Tcp, 22)], message!.Ports);
        Assert.Equal(SpaRejectReason.Hmac, SpaPacket.TryOpen(packet, SpaKeys.Generate(), out _));
    }

    /// <summary><c>fwknop ARGS -T -B FILE</c>: the packet the client would send, without sending it.</summary>
    private byte[] Build(params string[] arguments)
    {
        string home = Directory.CreateDirectory(_dir.Combine("home")).FullName;
        string file = Path.Combine(home, "packet");
        var start = new ProcessStartInfo(FwknopClientFactAttribute.Client!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = home };
        foreach (string argument in arguments.Concat(["-T", "-B", file]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill();
            Assert.Fail("fwknop did not finish in 20 s");
        }

        Assert.True(process.ExitCode == 0, $"fwknop exited {process.ExitCode}: {output.Result}{error.Result}");
        return [.. File.ReadAllBytes(file).AsSpan().TrimEnd("\r\n"u8)];
    }
}
