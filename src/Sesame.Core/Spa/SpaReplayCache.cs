namespace Sesame.Spa;

/// <summary>
/// The digests of accepted SPA packets, each kept until its packet's timestamp has left the window (so the cache holds
/// rate × window entries, not uptime's worth), with O(1) lookups. With a path, every accepted digest is written to a
/// journal before the grant, so a restart — or <c>kill -9</c> — does not forget it; the journal is compacted when it holds
/// mostly expired entries.
/// </summary>
public sealed class SpaReplayCache : IDisposable
{
    /// <summary>An in-memory cache (tests, <c>simulate</c>).</summary>
    public SpaReplayCache(TimeProvider time) => throw new NotImplementedException();

    /// <summary>Opens or creates the journal at <paramref name="path"/> (mode 0600) and loads its unexpired entries.</summary>
    /// <exception cref="IOException">The journal cannot be read or written.</exception>
    public SpaReplayCache(string path, TimeProvider time) => throw new NotImplementedException();

    public int Count => throw new NotImplementedException();

    public bool Contains(ReadOnlySpan<byte> digest) => throw new NotImplementedException();

    /// <summary>Records <paramref name="digest"/> until <paramref name="keepUntil"/>; false when it is already there (a replay).</summary>
    public bool TryAdd(ReadOnlySpan<byte> digest, DateTimeOffset keepUntil) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
