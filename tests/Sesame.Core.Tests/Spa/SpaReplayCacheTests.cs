using System.Security.Cryptography;
using Sesame.Spa;
using Sesame.Time;

namespace Sesame.Tests.Spa;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpaReplayCacheTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(120);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-replay-").FullName;

    private string JournalPath => Path.Combine(_dir, "spa.replay");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TryAdd_Twice_SecondIsReplay()
    {
        using var cache = new SpaReplayCache(_time);
        byte[] digest = Digest(1);

        Assert.True(cache.TryAdd(digest, _time.GetUtcNow() + Window));
        Assert.False(cache.TryAdd(digest, _time.GetUtcNow() + Window));
        Assert.True(cache.Contains(digest));
        Assert.False(cache.Contains(Digest(2)));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryAdd_PastKeepUntil_EntryLeavesMemory()
    {
        using var cache = new SpaReplayCache(_time);
        cache.TryAdd(Digest(1), _time.GetUtcNow() + TimeSpan.FromSeconds(10));
        cache.TryAdd(Digest(2), _time.GetUtcNow() + TimeSpan.FromSeconds(200));
        cache.TryAdd(Digest(3), _time.GetUtcNow() + TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, cache.Count);
        Assert.True(cache.Contains(Digest(1)));

        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, cache.Count);
        Assert.False(cache.Contains(Digest(1)));
        Assert.False(cache.Contains(Digest(3)));
        Assert.True(cache.Contains(Digest(2)));
    }

    [Fact]
    public void TryAdd_OtherDigestLengths_KeyedByHash()
    {
        using var cache = new SpaReplayCache(_time);
        byte[] sha512 = SHA512.HashData([1, 2, 3]);

        Assert.True(cache.TryAdd(sha512, _time.GetUtcNow() + Window));
        Assert.False(cache.TryAdd(sha512, _time.GetUtcNow() + Window));
        Assert.True(cache.TryAdd(sha512[..32], _time.GetUtcNow() + Window));
    }

    [Fact]
    public void Reopen_Journal_StillRefusesReplay()
    {
        using (var cache = new SpaReplayCache(JournalPath, _time))
        {
            Assert.True(cache.TryAdd(Digest(1), _time.GetUtcNow() + Window));
            Assert.True(cache.TryAdd(Digest(2), _time.GetUtcNow() + Window));
        }

        using var reopened = new SpaReplayCache(JournalPath, _time);

        Assert.Equal(2, reopened.Count);
        Assert.False(reopened.TryAdd(Digest(1), _time.GetUtcNow() + Window));
        Assert.True(reopened.TryAdd(Digest(3), _time.GetUtcNow() + Window));
    }

    [Fact]
    public void TryAdd_FileHoldsRecordBeforeReturning_LikeKillDashNine()
    {
        using var cache = new SpaReplayCache(JournalPath, _time);
        Assert.True(cache.TryAdd(Digest(1), _time.GetUtcNow() + Window));

        // The process is not disposed (nor flushed): what is on disk now is what a kill -9 would leave.
        string copy = Path.Combine(_dir, "copy");
        // cp, not File.Copy: .NET's own open would wait on the journal's flock.
        using (var cp = System.Diagnostics.Process.Start("cp", [JournalPath, copy]))
        {
            Assert.True(cp.WaitForExit(30_000));
            Assert.Equal(0, cp.ExitCode);
        }

        using var restarted = new SpaReplayCache(copy, _time);
        Assert.False(restarted.TryAdd(Digest(1), _time.GetUtcNow() + Window));
    }

    [Fact]
    public void Open_SecondCacheOnSameJournal_Refused()
    {
        using var cache = new SpaReplayCache(JournalPath, _time);

        IOException e = Assert.ThrowsAny<IOException>(() => new SpaReplayCache(JournalPath, _time));

        Assert.Contains(JournalPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewJournal_Mode0600WithHeader()
    {
        using var cache = new SpaReplayCache(JournalPath, _time);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(JournalPath));
        Assert.Equal(SpaReplayJournal.HeaderLength, new FileInfo(JournalPath).Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(SpaReplayJournal.RecordLength - 1)]
    public void Reopen_LastRecordTruncated_EarlierOnesKeptCutOneIgnored(int cut)
    {
        using (var cache = new SpaReplayCache(JournalPath, _time))
        {
            cache.TryAdd(Digest(1), _time.GetUtcNow() + Window);
            cache.TryAdd(Digest(2), _time.GetUtcNow() + Window);
        }

        long length = new FileInfo(JournalPath).Length;
        using (var stream = new FileStream(JournalPath, FileMode.Open))
        {
            stream.SetLength(length - cut);
        }

        using var reopened = new SpaReplayCache(JournalPath, _time);

        Assert.Equal(1, reopened.Count);
        Assert.Equal(1, reopened.JournalRecords);
        Assert.Equal(SpaReplayJournal.HeaderLength + SpaReplayJournal.RecordLength, new FileInfo(JournalPath).Length);
        Assert.False(reopened.TryAdd(Digest(1), _time.GetUtcNow() + Window));
        Assert.True(reopened.TryAdd(Digest(3), _time.GetUtcNow() + Window));
        Assert.Equal(2, reopened.JournalRecords);
    }

    [Fact]
    public void Reopen_LastRecordTorn_IgnoredAndAppendsStayAligned()
    {
        using (var cache = new SpaReplayCache(JournalPath, _time))
        {
            cache.TryAdd(Digest(1), _time.GetUtcNow() + Window);
            cache.TryAdd(Digest(2), _time.GetUtcNow() + Window);
        }

        FlipByte(SpaReplayJournal.HeaderLength + SpaReplayJournal.RecordLength + 3);
        using (var reopened = new SpaReplayCache(JournalPath, _time))
        {
            Assert.Equal(1, reopened.Count);
            Assert.True(reopened.TryAdd(Digest(3), _time.GetUtcNow() + Window));
        }

        using var third = new SpaReplayCache(JournalPath, _time);
        Assert.False(third.TryAdd(Digest(3), _time.GetUtcNow() + Window));
        Assert.False(third.TryAdd(Digest(1), _time.GetUtcNow() + Window));
    }

    [Fact]
    public void Open_CorruptRecordInTheMiddle_RefusedWithAdvice()
    {
        using (var cache = new SpaReplayCache(JournalPath, _time))
        {
            cache.TryAdd(Digest(1), _time.GetUtcNow() + Window);
            cache.TryAdd(Digest(2), _time.GetUtcNow() + Window);
        }

        FlipByte(SpaReplayJournal.HeaderLength + 5);

        IOException e = Assert.ThrowsAny<IOException>(() => new SpaReplayCache(JournalPath, _time));

        Assert.StartsWith(JournalPath + ": the SPA replay journal is corrupt: record 1 of 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("Move the file aside", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotAJournal_Refused()
    {
        File.WriteAllText(JournalPath, "this is some other file, long enough to hold a header");

        IOException e = Assert.ThrowsAny<IOException>(() => new SpaReplayCache(JournalPath, _time));

        Assert.Contains("not an SPA replay journal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WritableByOthers_Refused()
    {
        File.WriteAllBytes(JournalPath, []);
        File.SetUnixFileMode(JournalPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite);

        IOException e = Assert.ThrowsAny<IOException>(() => new SpaReplayCache(JournalPath, _time));

        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingDirectory_MessageNamesPath()
    {
        string path = Path.Combine(_dir, "absent", "spa.replay");

        IOException e = Assert.ThrowsAny<IOException>(() => new SpaReplayCache(path, _time));

        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopen_ExpiredRecords_Skipped()
    {
        using (var cache = new SpaReplayCache(JournalPath, _time))
        {
            cache.TryAdd(Digest(1), _time.GetUtcNow() + TimeSpan.FromSeconds(10));
            cache.TryAdd(Digest(2), _time.GetUtcNow() + Window);
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        using var reopened = new SpaReplayCache(JournalPath, _time);

        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryAdd(Digest(1), _time.GetUtcNow() + Window));
    }

    [Fact]
    public void TryAdd_MostlyExpired_JournalCompacted()
    {
        using (var cache = new SpaReplayCache(JournalPath, _time) { CompactionThreshold = 100 })
        {
            for (int i = 0; i < 99; i++)
            {
                cache.TryAdd(Digest(i), _time.GetUtcNow() + TimeSpan.FromSeconds(5));
            }

            Assert.Equal(99, cache.JournalRecords);
            _time.Advance(TimeSpan.FromSeconds(10));
            cache.TryAdd(Digest(1000), _time.GetUtcNow() + Window);

            Assert.Equal(1, cache.Count);
            Assert.Equal(1, cache.JournalRecords);
            Assert.Equal(SpaReplayJournal.HeaderLength + SpaReplayJournal.RecordLength, new FileInfo(JournalPath).Length);
            Assert.False(File.Exists(JournalPath + ".compact"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(JournalPath));

            // Still appending to the compacted file.
            cache.TryAdd(Digest(1001), _time.GetUtcNow() + Window);
        }

        using var reopened = new SpaReplayCache(JournalPath, _time);
        Assert.Equal(2, reopened.Count);
        Assert.False(reopened.TryAdd(Digest(1000), _time.GetUtcNow() + Window));
        Assert.True(reopened.TryAdd(Digest(5), _time.GetUtcNow() + Window));
    }

    [Fact]
    public void Compact_KeepsOnlyLiveEntries()
    {
        using var cache = new SpaReplayCache(JournalPath, _time);
        cache.TryAdd(Digest(1), _time.GetUtcNow() + TimeSpan.FromSeconds(5));
        cache.TryAdd(Digest(2), _time.GetUtcNow() + Window);
        _time.Advance(TimeSpan.FromSeconds(10));

        cache.Compact();

        Assert.Equal(1, cache.JournalRecords);
        Assert.False(cache.TryAdd(Digest(2), _time.GetUtcNow() + Window));
    }

    private static byte[] Digest(int n) => SHA256.HashData(BitConverter.GetBytes(n));

    private void FlipByte(long offset)
    {
        using var stream = new FileStream(JournalPath, FileMode.Open);
        stream.Position = offset;
        int b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0xFF));
    }
}
