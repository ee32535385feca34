using System.Net.Sockets;

namespace Sesame.Linux.Control;

/// <summary>The socket's file: its directory, the lock that keeps two daemons off one path, the bind.</summary>
internal sealed partial class ControlServer
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Makes the directory 0700 when it is not there. One that is there is kept as it is (it may be /run or /tmp), but not
    /// one that others may write to without the sticky bit: they could put their own socket in the daemon's place.
    /// </summary>
    private static void PrepareDirectory(string path)
    {
        string directory = System.IO.Path.GetDirectoryName(path) ?? "/";
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the control socket is Linux's");
        }

        try
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, OwnerOnly);
                return;
            }

            UnixFileMode mode = File.GetUnixFileMode(directory);
            if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 && (mode & UnixFileMode.StickyBit) == 0)
            {
                throw new ControlException($"control socket {path}: its directory {directory} is writable by others; give --control a path in a directory only root can write");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ControlException($"control socket {path}: {e.Message}", e);
        }
    }

    /// <summary>The lock on <c>PATH.lock</c> (flock, released by the kernel when the daemon dies, however it dies).</summary>
    private static FileStream TakeLock(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the control socket is Linux's");
        }

        try
        {
            var stream = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.SetUnixFileMode(path + ".lock", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return stream;
        }
        catch (IOException e)
        {
            throw new ControlException($"control socket {path}: another sesame serve holds it ({path}.lock is locked); stop it first, or give this one another --control path", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ControlException($"control socket {path}: {e.Message}", e);
        }
    }

    /// <summary>Whether something listens on the socket file at <paramref name="path"/> (a live daemon), rather than a stale file or nothing.</summary>
    private static bool Answers(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Replaces a stale file, binds, makes the socket 0600 and listens.</summary>
    private static Socket Bind(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                File.Delete(path); // a stale socket (nobody answered, and we hold the lock); a directory is refused by Delete
            }

            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsLinux())
            {
                throw new PlatformNotSupportedException("the control socket is Linux's");
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
            return listener;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            listener.Dispose();
            throw new ControlException($"control socket {path}: {e.Message}", e);
        }
    }
}
