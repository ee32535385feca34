using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace Sesame.Tests.Kernel;

/// <summary>
/// kill -9 at random moments — of <c>sesame serve</c> during its start-up, and of the daemon and a <c>sesame lists</c>
/// command while the lists change — and after each kill the table is either absent (the daemon never got as far as
/// applying it) or the whole compiled ruleset, and no granted entry is lost. Each change is one libnftables transaction,
/// so there is no third outcome; this checks that it stays so.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultRounds"/> rounds; <c>tests/faults/kill9.sh</c> runs the same test with
/// <c>SESAME_KILL9_ROUNDS=100</c>. The random seed is printed, and <c>SESAME_KILL9_SEED</c> replays a run.
/// </remarks>
public sealed class ServeFaultTests(ITestOutputHelper output)
{
    private const string Seed = "000-manual-old-en.rsc";

    private const int DefaultRounds = 12;

    [RootFact]
    public void Serve_Kill9AtRandomMoments_TableAbsentOrWholeAndNoGrantLost()
    {
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("SESAME_KILL9_ROUNDS"), out int r) && r is > 0 and <= 10_000 ? r : DefaultRounds;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SESAME_KILL9_SEED"), out int s) ? s : Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"rounds={rounds} seed={seed}");

        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        string expected = StartAndStop(ns, config.Path);
        var granted = new HashSet<IPAddress>();
        for (int i = 1; i <= 5; i++)
        {
            Grant(ns, IPAddress.Parse($"198.51.100.{i}"), granted);
        }

        int absent = 0, whole = 0, startupKills = 0, startupAfterStart = 0, listsKills = 0, listsKilledMidway = 0;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < rounds; round++)
        {
            bool fromNothing = round % 4 == 0;
            if (fromNothing)
            {
                NftShell.Must(ns.Server, "delete", "table", "inet", "sesame");
                granted.Clear();
            }

            if (round % 2 == 0)
            {
                // During start-up: .NET start, NFLOG bind, table watch, apply, set reads — the kill lands anywhere in them.
                startupKills++;
                using SesameProcess daemon = SesameProcess.Launch(ns.Server, "serve", config.Path);
                Thread.Sleep(random.Next(0, 1200));
                Kill(daemon);
                startupAfterStart += daemon.Output.Contains("event=start", StringComparison.Ordinal) ? 1 : 0;
            }
            else
            {
                // While the lists change: a running daemon, one `lists add` of a new address and one `lists remove` of an
                // earlier one, and a kill -9 of the daemon and of the add at the same random moment.
                listsKills++;
                using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
                IPAddress added = IPAddress.Parse($"203.0.113.{(round % 250) + 1}");
                IPAddress? removed = granted.Count > 3 ? granted.First() : null;
                using SesameProcess add = SesameProcess.Launch(ns.Server, "lists", "add", "secured", added.ToString(), "--timeout", "1h");
                using SesameProcess? remove = removed is null ? null : SesameProcess.Launch(ns.Server, "lists", "remove", "secured", removed.ToString());
                Thread.Sleep(random.Next(0, 2000));
                bool addFinished = add.HasExited && add.WaitForExit(TimeSpan.Zero) && add.ExitCode == 0;
                Kill(daemon);
                Kill(add);
                Assert.True(remove is null || remove.WaitForExit(TimeSpan.FromSeconds(30)));
                if (removed is not null && remove!.ExitCode == 0)
                {
                    granted.Remove(removed);
                }

                if (addFinished)
                {
                    granted.Add(added);
                }
                else
                {
                    listsKilledMidway++;
                }
            }

            string? structure = NftShell.Structure(ns.Server);
            if (structure is null)
            {
                Assert.True(fromNothing, $"round {round}: the table is gone after a kill -9, though it was there before");
                absent++;
                StartAndStop(ns, config.Path);
                continue;
            }

            Assert.True(structure == expected, $"round {round}: a partial table after a kill -9:\n{structure}");
            whole++;
            HashSet<IPAddress> present = [.. Kernel.Lists(ns).Where(e => e.List == "secured").Select(e => new IPAddress((byte[])ToBytes(e.Address)))];
            Assert.True(granted.IsSubsetOf(present), $"round {round}: granted entries lost: {string.Join(", ", granted.Except(present))}");
            if (fromNothing)
            {
                for (int i = 1; i <= 5; i++)
                {
                    Grant(ns, IPAddress.Parse($"198.51.100.{i}"), granted);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} kills in {clock.Elapsed.TotalSeconds:0.0} s: start-up {startupKills} ({startupAfterStart} after event=start), during lists changes {listsKills} ({listsKilledMidway} with the add killed before it finished); afterwards table absent {absent}, whole {whole}, partial 0; granted entries lost 0"));
    }

    private static string StartAndStop(NetNs ns, string configPath)
    {
        using SesameProcess daemon = SesameProcess.StartServe(ns, configPath);
        string structure = NftShell.Structure(ns.Server)!;
        Kill(daemon);
        return structure;
    }

    private static void Grant(NetNs ns, IPAddress address, HashSet<IPAddress> granted)
    {
        Assert.Equal(0, SesameProcess.Run(ns.Server, "lists", "add", "secured", address.ToString(), "--timeout", "1h").ExitCode);
        granted.Add(address);
    }

    private static void Kill(SesameProcess process)
    {
        if (!process.HasExited)
        {
            process.Signal(Libc.SIGKILL);
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    private static byte[] ToBytes(Net.IpRange address)
    {
        byte[] bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)address.First);
        return bytes;
    }
}
