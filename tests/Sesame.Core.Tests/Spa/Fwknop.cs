using System.Buffers.Binary;
using System.Diagnostics;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

/// <summary>The stock fwknop client and fwknopd, driven offline: the client builds a packet without sending it, fwknopd reads packets from a pcap file.</summary>
internal static class Fwknop
{
    public static string? Client { get; } = Find("fwknop");

    public static string? Server { get; } = Find("fwknopd") is { } server && Find("unshare") is not null ? server : null;

    /// <summary>Runs <c>fwknop ARGS -T -B FILE</c> with the keys and returns the packet it would have sent.</summary>
    public static byte[] BuildPacket(SpaKeys keys, params string[] arguments)
    {
        string home = Directory.CreateTempSubdirectory("sesame-fwknop-").FullName;
        try
        {
            string file = Path.Combine(home, "packet");
            List<string> all =
            [
                .. arguments, "--use-hmac", "--key-base64-rijndael", Convert.ToBase64String(keys.EncryptionKey),
                "--key-base64-hmac", Convert.ToBase64String(keys.HmacKey), "--hmac-digest-type", keys.HmacType.ToString().ToLowerInvariant(),
                "-T", "-B", file,
            ];
            (int code, string output) = Run(Client!, all, home);
            Assert.True(code == 0, $"fwknop exited {code}: {output}");
            // fwknop -B ends the packet with a newline that is not part of the datagram.
            return [.. File.ReadAllBytes(file).AsSpan().TrimEnd("\r\n"u8)];
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>
    /// Feeds <paramref name="payload"/>, as a UDP datagram from 192.0.2.7 in a pcap file, to <c>fwknopd -t -v</c> with an
    /// access.conf of the keys (SOURCE ANY) and returns its output.
    /// </summary>
    public static string Decode(SpaKeys keys, ReadOnlySpan<byte> payload, string accessExtra = "")
    {
        string dir = Directory.CreateTempSubdirectory("sesame-fwknopd-").FullName;
        try
        {
            string access = Path.Combine(dir, "access.conf");
            File.WriteAllText(access,
                $"SOURCE ANY\nKEY_BASE64 {Convert.ToBase64String(keys.EncryptionKey)}\nHMAC_KEY_BASE64 {Convert.ToBase64String(keys.HmacKey)}\n" +
                $"HMAC_DIGEST_TYPE {keys.HmacType.ToString().ToUpperInvariant()}\n{accessExtra}");
            string config = Path.Combine(dir, "fwknopd.conf");
            File.WriteAllText(config, "PCAP_FILTER udp port 62201\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(access, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            string pcap = Path.Combine(dir, "spa.pcap");
            File.WriteAllBytes(pcap, Pcap(payload));
            (_, string output) = Run(
                "/usr/bin/timeout",
                ["20", "unshare", "-n", Server!, "-c", config, "-a", access, "-d", Path.Combine(dir, "digest.cache"), "-p", Path.Combine(dir, "fwknopd.pid"),
                    "-r", dir, "-f", "-t", "-v", "--pcap-file", pcap, "-C", "1"],
                dir);
            return output;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A pcap file (Ethernet) holding one IPv4/UDP datagram 192.0.2.7:40000 → 192.0.2.1:62201.</summary>
    private static byte[] Pcap(ReadOnlySpan<byte> payload)
    {
        int frameLength = 14 + 20 + 8 + payload.Length;
        byte[] file = new byte[24 + 16 + frameLength];
        Span<byte> s = file;
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt32LittleEndian(s[32..], (uint)frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(s[36..], (uint)frameLength);
        Span<byte> frame = s[40..];
        frame[..12].Fill(2);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
        Span<byte> ip = frame[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + payload.Length));
        ip[8] = 64;
        ip[9] = 17;
        ((ReadOnlySpan<byte>)[192, 0, 2, 7]).CopyTo(ip[12..]);
        ((ReadOnlySpan<byte>)[192, 0, 2, 1]).CopyTo(ip[16..]);
        Span<byte> udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 62201);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(udp[8..]);
        return file;
    }

    private static (int Code, string Output) Run(string file, IEnumerable<string> arguments, string home)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{file} did not finish in 30 s");
        }

        return (process.ExitCode, output + error.Result);
    }

    private static string? Find(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
