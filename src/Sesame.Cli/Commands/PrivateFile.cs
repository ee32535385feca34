namespace Sesame.Cli.Commands;

/// <summary>Writes a secret (a key pair, an SPA packet) to a file only its owner can read, created that way from the start.</summary>
internal static class PrivateFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> with mode 0600. Without <paramref name="overwrite"/> an
    /// existing file is an error (<see cref="IOException"/>); with it, the text goes to a new 0600 file beside it that
    /// then replaces the old one, so the old file's looser mode is never reused.
    /// </summary>
    public static void Write(string path, string text, bool overwrite)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException("is a directory");
        }

        string target = overwrite ? Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp") : full;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var writer = new StreamWriter(target, System.Text.Encoding.ASCII, options))
            {
                writer.Write(text);
            }

            if (overwrite)
            {
                File.Move(target, full, overwrite: true);
            }
        }
        catch (IOException) when (!overwrite && File.Exists(full))
        {
            throw new IOException("exists already; give --force to replace it");
        }
        catch
        {
            if (overwrite)
            {
                File.Delete(target);
            }

            throw;
        }
    }
}
