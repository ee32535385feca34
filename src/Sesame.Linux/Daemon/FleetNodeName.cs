using System.Text;

namespace Sesame.Linux.Daemon;

/// <summary>
/// A fleet node's default name: the host name, and when the daemon runs in a named network namespace
/// (<c>ip netns exec NAME sesame serve …</c>) the namespace's name after it (<c>web1-blue</c>), so that nodes
/// sharing one host and one host name still get names of their own that survive a restart. Only the characters a node
/// name may hold (letters, digits, '.', '_', '-': <c>Sesame.Profiles.FleetNames.IsNodeName</c>) are kept; at most 63.
/// </summary>
public static class FleetNodeName
{
    public const int MaxLength = 63;

    public static string Default()
    {
        string name = Clean(Environment.MachineName);
        if (NamespaceName() is { } ns)
        {
            name = Clean(name + "-" + ns);
        }

        return name.Length == 0 ? "sesame" : name;
    }

    private static string Clean(string text)
    {
        var name = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (char c in text)
        {
            if (name.Length == MaxLength)
            {
                break;
            }

            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        return name.ToString();
    }

    /// <summary>
    /// The name under /run/netns (where <c>ip netns</c> keeps them) of the namespace this thread runs in; null when it has
    /// none (the host's namespace normally has none; PID 1's namespace file is not always readable, even by root, to compare).
    /// </summary>
    private static string? NamespaceName()
    {
        try
        {
            ulong own = Inode("/proc/thread-self/ns/net");
            if (own == 0 || !Directory.Exists("/run/netns"))
            {
                return null;
            }

            foreach (string path in Directory.EnumerateFiles("/run/netns").Order(StringComparer.Ordinal))
            {
                if (Inode(path) == own)
                {
                    return Path.GetFileName(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable (another PID namespace, no /proc): the host name alone.
        }

        return null;
    }

    /// <summary>The inode of a namespace file (nsfs): equal inodes, the same namespace. 0 when it cannot be read.</summary>
    private static unsafe ulong Inode(string path)
    {
        using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path);
        byte* buffer = stackalloc byte[Interop.Libc.StatBufferSize];
        if (Interop.Libc.FStat((int)handle.DangerousGetHandle(), buffer) != 0)
        {
            return 0;
        }

        return System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(new ReadOnlySpan<byte>(buffer + 8, 8));
    }
}
