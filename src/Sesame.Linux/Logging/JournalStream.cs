using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Sesame.Linux.Logging;

/// <summary>
/// Whether standard output is the systemd journal's stream: systemd sets <c>JOURNAL_STREAM=DEV:INODE</c> to the device
/// and inode of the stream it connects standard output and error to (systemd.exec(5)); it is the journal only when
/// descriptor 1 is still that file — a child whose output was redirected inherits the variable but not the stream. Only
/// then does a line carry a <c>&lt;N&gt;</c> priority prefix, which journald takes off and keeps as the priority.
/// </summary>
public static class JournalStream
{
    /// <summary>True when descriptor 1 is the stream <c>JOURNAL_STREAM</c> names.</summary>
    public static bool IsStandardOutput() => Matches(Environment.GetEnvironmentVariable("JOURNAL_STREAM"), StandardOutput());

    /// <summary>Whether <paramref name="variable"/> (<c>DEV:INODE</c>, decimal) names <paramref name="file"/>.</summary>
    internal static bool Matches(string? variable, (ulong Device, ulong Inode)? file)
    {
        if (variable is null || file is not { } f)
        {
            return false;
        }

        int colon = variable.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && ulong.TryParse(variable.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out ulong device)
            && ulong.TryParse(variable.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode)
            && device == f.Device && inode == f.Inode;
    }

    /// <summary>The syslog priority of a level: debug 7, info 6, warning 4, err 3, crit 2.</summary>
    public static int Priority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };

    /// <summary>Device and inode of descriptor 1, or null when fstat fails (closed).</summary>
    internal static unsafe (ulong Device, ulong Inode)? StandardOutput()
    {
        byte* buffer = stackalloc byte[Interop.Libc.StatBufferSize];
        if (Interop.Libc.FStat(1, buffer) != 0)
        {
            return null;
        }

        var stat = new ReadOnlySpan<byte>(buffer, 16);
        return (MemoryMarshal.Read<ulong>(stat), MemoryMarshal.Read<ulong>(stat[8..]));
    }
}
