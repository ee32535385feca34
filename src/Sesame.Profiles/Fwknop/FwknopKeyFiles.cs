using Sesame.Diagnostics;
using Sesame.Spa;

namespace Sesame.Profiles;

/// <summary>
/// Writes the key files an imported profile names, so that the profile works as printed: each file is created new with
/// mode 0600 (a missing directory with 0700), never through an existing file or link. A file that already exists is
/// left alone when it holds the same keys, and is an error otherwise (it is never overwritten). Everything is checked
/// before the first file is written.
/// </summary>
public static class FwknopKeyFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <param name="directory">The directory the profile will be in: relative key file names start there.</param>
    /// <returns>The errors; none when every key file is in place.</returns>
    public static IReadOnlyList<Diagnostic> Write(DoorProfile profile, string directory)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(directory);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("key files are written with Unix permissions");
        }

        var bag = new DiagnosticBag();
        var toWrite = new List<(string Path, SpaKeys Keys)>();
        foreach (DoorSpaUser user in profile.Doors.Where(d => d.Spa is not null).SelectMany(d => d.Spa!.Users))
        {
            if (user.Keys is not { } keys)
            {
                continue;
            }

            string path = Path.Combine(directory, user.KeyFile);
            var at = new SourceLocation(path, 1, 1);
            if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                try
                {
                    if (!SpaKeyFile.Read(path).Equals(keys))
                    {
                        bag.Error(at, ProfileCodes.FwknopKeyFile, $"the key file for user '{user.Name}' exists with other keys; it is not overwritten (move it away, or import with --keys-dir DIR)");
                    }
                }
                catch (SpaKeyFileException ex)
                {
                    bag.Error(at, ProfileCodes.FwknopKeyFile, $"the key file for user '{user.Name}' exists and is not usable ({ex.Message}); it is not overwritten");
                }

                continue;
            }

            toWrite.Add((path, keys));
        }

        if (bag.HasErrors)
        {
            return bag.Sorted();
        }

        foreach ((string path, SpaKeys keys) in toWrite)
        {
            try
            {
                string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
                if (parent is not null && !Directory.Exists(parent))
                {
                    Directory.CreateDirectory(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(SpaKeyFile.Format(keys));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                bag.Error(new SourceLocation(path, 1, 1), ProfileCodes.FwknopKeyFile, $"cannot write the key file: {ex.Message}");
            }
        }

        return bag.Sorted();
    }
}
