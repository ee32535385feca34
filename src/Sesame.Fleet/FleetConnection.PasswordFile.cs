using System.Text;

namespace Sesame.Fleet;

/// <summary>The password file (<c>--fleet-password-file</c>, <c>--password-file</c>, <c>--node-password-file</c>).</summary>
public static partial class FleetConnection
{
    /// <summary>A password file is a line; anything bigger is the wrong file.</summary>
    private const int MaxPasswordFileBytes = 64 * 1024;

    /// <summary>
    /// Reads a password file: its first line, without the line ending. Refused: a file that cannot be read, that is not a
    /// regular file, that group or others may access (as libpq refuses such a .pgpass: the secret would not be one), an
    /// empty first line, a NUL (PostgreSQL cannot take one), a file over 64 KiB.
    /// </summary>
    public static bool TryReadPasswordFile(string path, out string password, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        password = "";
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = Directory.Exists(path) ? $"password file {path}: a directory, not a file" : $"password file {path}: no such file";
                return false;
            }

            UnixFileMode loose = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if (!OperatingSystem.IsWindows() && (info.UnixFileMode & loose) != 0)
            {
                error = $"password file {path}: group or others may read it (mode {Convert.ToString((int)info.UnixFileMode, 8).PadLeft(4, '0')}), so it keeps no secret; chmod 600 it";
                return false;
            }

            if (info.Length > MaxPasswordFileBytes)
            {
                error = $"password file {path}: {info.Length} bytes, not a password (at most {MaxPasswordFileBytes})";
                return false;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"password file {path}: {OneLine(e.Message)}";
            return false;
        }

        if (bytes.Length > MaxPasswordFileBytes)
        {
            error = $"password file {path}: more than {MaxPasswordFileBytes} bytes, not a password";
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            error = $"password file {path}: not UTF-8 text";
            return false;
        }

        int end = text.IndexOfAny(['\n', '\r']);
        string line = end < 0 ? text : text[..end];
        if (line.Length == 0)
        {
            error = $"password file {path}: the first line is empty";
            return false;
        }

        if (line.Contains('\0', StringComparison.Ordinal))
        {
            error = $"password file {path}: the password contains a NUL character, which PostgreSQL cannot take";
            return false;
        }

        password = line;
        error = "";
        return true;
    }
}
