using System.Diagnostics;
using System.Net;

namespace Sesame.NetBench;

/// <summary>
/// <c>nft monitor new elements</c> in a namespace, read on a thread of its own: the Stopwatch timestamp at which each
/// IPv4 address was first seen added to a set there (nftables 1.0.6 prints one element per line:
/// <c>add element inet sesame v4_secured { 100.64.0.1 timeout 10m expires 10m }</c>). Ends the process by its PID on dispose.
/// </summary>
internal sealed class ElementMonitor : IDisposable
{
    private readonly Process _process;
    private readonly Thread _reader;
    private readonly Dictionary<uint, long> _seen = [];
    private readonly Lock _lock = new();

    public ElementMonitor(string ns)
    {
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in (string[])[$"--net=/run/netns/{ns}", "--", "nft", "monitor", "new", "elements"])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _reader = new Thread(Read) { IsBackground = true, Name = "nft monitor" };
        _reader.Start();
    }

    /// <summary>When <paramref name="address"/> was first seen, waiting for it until <paramref name="deadline"/>; 0 if never.</summary>
    public long WaitFor(uint address, long deadline)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_seen.TryGetValue(address, out long at))
                {
                    return at;
                }
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return 0;
            }

            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Read()
    {
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            long now = Stopwatch.GetTimestamp();
            int open = line.IndexOf('{', StringComparison.Ordinal);
            if (open < 0 || !line.StartsWith("add element", StringComparison.Ordinal))
            {
                continue;
            }

            // One element per line, possibly more on other versions: every word that parses as an IPv4 address counts.
            foreach (string word in line[(open + 1)..].Split([' ', ',', '}'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Contains('.', StringComparison.Ordinal) && IPAddress.TryParse(word, out IPAddress? address)
                    && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    uint key = Ipv4.ToUInt32(address);
                    lock (_lock)
                    {
                        _seen.TryAdd(key, now);
                    }
                }
            }
        }
    }
}
