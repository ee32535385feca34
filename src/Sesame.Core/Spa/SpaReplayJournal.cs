using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Sesame.Spa;

/// <summary>
/// The replay cache's file: a header, then fixed-size records appended one <c>pwrite</c> each.
/// <code>
/// header (16 bytes): "SESAMERJ" | version u32 LE (1) | record size u32 LE (48)
/// record (48 bytes): digest key (32) | keep-until, Unix seconds, i64 LE | check: FNV-1a 64 of the 40 bytes before, LE
/// </code>
/// A short final record (a write cut by a crash) and a final record whose check fails (a torn page after a power cut)
/// are dropped and the file truncated to the last whole record; a bad record anywhere else is corruption.
/// </summary>
internal sealed class SpaReplayJournal : IDisposable
{
    public const int HeaderLength = 16;
    public const int RecordLength = 48;
    public const uint Version = 1;

    private static ReadOnlySpan<byte> Magic => "SESAMERJ"u8;

    private SafeFileHandle _handle;

    private SpaReplayJournal(string path, SafeFileHandle handle, long records)
    {
        Path = path;
        _handle = handle;
        Records = records;
    }

    public string Path { get; }

    public long Records { get; private set; }

    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Opens (creating it 0600 if missing) and reads every record into <paramref name="load"/>.</summary>
    public static SpaReplayJournal Open(string path, Action<SpaDigestKey, long> load)
    {
        SafeFileHandle handle;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                // FileShare.None takes an exclusive flock on Unix: a second daemon on the same journal is refused.
                Share = FileShare.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateMode;
            }

            handle = File.OpenHandle(path, options.Mode, options.Access, options.Share, FileOptions.None, preallocationSize: 0);
            if (!OperatingSystem.IsWindows())
            {
                UnixFileMode mode = File.GetUnixFileMode(handle);
                if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                {
                    handle.Dispose();
                    throw new IOException($"{path}: the SPA replay journal may be written by others (mode {Convert.ToString((int)mode, 8)}); chmod 600 it");
                }

                if (RandomAccess.GetLength(handle) == 0)
                {
                    File.SetUnixFileMode(handle, PrivateMode);
                }
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException or (IOException and not SpaJournalException))
        {
            if (e.Message.StartsWith(path, StringComparison.Ordinal))
            {
                throw;
            }

            throw new IOException($"{path}: cannot open the SPA replay journal: {e.Message}", e);
        }

        try
        {
            long records = Load(path, handle, load);
            return new SpaReplayJournal(path, handle, records);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Append(SpaDigestKey key, long keepUntil, bool sync)
    {
        Span<byte> record = stackalloc byte[RecordLength];
        WriteRecord(record, key, keepUntil);
        RandomAccess.Write(_handle, record, HeaderLength + (Records * RecordLength));
        if (sync)
        {
            RandomAccess.FlushToDisk(_handle);
        }

        Records++;
    }

    public void Flush() => RandomAccess.FlushToDisk(_handle);

    /// <summary>Replaces the file with one holding only <paramref name="live"/>: written to a temporary file, fsynced, renamed over.</summary>
    public void Rewrite(IEnumerable<(SpaDigestKey Key, long KeepUntil)> live)
    {
        string temporary = Path + ".compact";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateMode;
        }

        long count = 0;
        using (var stream = new FileStream(temporary, options))
        {
            Span<byte> buffer = stackalloc byte[RecordLength];
            WriteHeader(buffer);
            stream.Write(buffer[..HeaderLength]);
            foreach ((SpaDigestKey key, long keepUntil) in live)
            {
                WriteRecord(buffer, key, keepUntil);
                stream.Write(buffer);
                count++;
            }

            stream.Flush(flushToDisk: true);
        }

        // The old handle keeps its lock until the new file is in place; a crash in between leaves either file whole.
        File.Move(temporary, Path, overwrite: true);
        SafeFileHandle handle = File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        _handle.Dispose();
        _handle = handle;
        Records = count;
    }

    public void Dispose() => _handle.Dispose();

    private static long Load(string path, SafeFileHandle handle, Action<SpaDigestKey, long> load)
    {
        long length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[HeaderLength];
        if (length < HeaderLength)
        {
            // Empty, or cut before its header was whole: it never held a record, so starting afresh forgets nothing.
            int read = RandomAccess.Read(handle, header[..(int)length], 0);
            Span<byte> expected = stackalloc byte[HeaderLength];
            WriteHeader(expected);
            if (!header[..read].SequenceEqual(expected[..read]))
            {
                throw Corrupt(path, "it does not start with an SPA replay journal header");
            }

            RandomAccess.SetLength(handle, 0);
            RandomAccess.Write(handle, expected, 0);
            return 0;
        }

        RandomAccess.Read(handle, header, 0);
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            throw Corrupt(path, "it is not an SPA replay journal (no SESAMERJ header)");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        uint recordLength = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (version != Version || recordLength != RecordLength)
        {
            throw new SpaJournalException($"{path}: SPA replay journal version {version} (record size {recordLength}) is not the version {Version} this Sesame reads; " +
                "move it aside and start again once the SPA doors' windows have passed since the last grant");
        }

        long whole = (length - HeaderLength) / RecordLength;
        long records = 0;
        byte[] buffer = new byte[RecordLength * 1024];
        long offset = HeaderLength;
        while (records < whole)
        {
            int count = (int)Math.Min(1024, whole - records);
            int read = RandomAccess.Read(handle, buffer.AsSpan(0, count * RecordLength), offset);
            if (read != count * RecordLength)
            {
                throw Corrupt(path, "it changed while being read");
            }

            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> record = buffer.AsSpan(i * RecordLength, RecordLength);
                if (!CheckMatches(record))
                {
                    if (records + 1 == whole)
                    {
                        // The last record, torn: it was never acknowledged as written.
                        goto done;
                    }

                    throw Corrupt(path, $"record {records + 1} of {whole} (byte {offset + (i * RecordLength)}) fails its check");
                }

                load(SpaDigestKey.Read(record), BinaryPrimitives.ReadInt64LittleEndian(record[32..]));
                records++;
            }

            offset += count * RecordLength;
        }

    done:
        long end = HeaderLength + (records * RecordLength);
        if (end != length)
        {
            RandomAccess.SetLength(handle, end);
        }

        return records;
    }

    private static SpaJournalException Corrupt(string path, string what) => new(
        $"{path}: the SPA replay journal is corrupt: {what}. Starting with an empty cache would let packets accepted within the " +
        "window be replayed, so Sesame refuses to start. Move the file aside (mv it to a .bad name) and start again once the " +
        "longest SPA window (120 s by default) has passed since the last grant: older packets are refused as stale anyway.");

    private static void WriteHeader(Span<byte> header)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], RecordLength);
    }

    private static void WriteRecord(Span<byte> record, SpaDigestKey key, long keepUntil)
    {
        key.Write(record);
        BinaryPrimitives.WriteInt64LittleEndian(record[32..], keepUntil);
        BinaryPrimitives.WriteUInt64LittleEndian(record[40..], Fnv1a(record[..40]));
    }

    private static bool CheckMatches(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt64LittleEndian(record[40..]) == Fnv1a(record[..40]);

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash;
    }
}

/// <summary>A replay journal that cannot be used as it is; the message names the file and says how to proceed.</summary>
internal sealed class SpaJournalException(string message) : IOException(message);
