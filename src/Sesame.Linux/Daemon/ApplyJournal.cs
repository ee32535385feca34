using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sesame.Linux.Daemon;

/// <summary>
/// What survives the daemon while an apply waits for its confirmation: in the state directory, a copy of the configuration
/// served before the apply (<c>apply-previous-KEY.rsc|.yaml</c>, mode 0600) and a marker (<c>apply-pending-KEY.json</c>)
/// naming it, KEY being a hash of the daemon's own configuration path (two daemons of one machine keep apart). Written
/// before the apply goes in, removed when it is confirmed or rolled back. A daemon that starts and finds the marker for its
/// configuration file was stopped, killed or rebooted in the window: the apply was never confirmed, so it serves the copy
/// — the rollback that did not happen — whatever the file now holds (an in-place edit holds the unconfirmed rules).
/// </summary>
public static class ApplyJournal
{
    /// <summary>A marker found at start: an apply that was never confirmed.</summary>
    /// <param name="CopyPath">The configuration served before the apply (the copy in the state directory).</param>
    /// <param name="PreviousPath">Where that configuration was read from then.</param>
    /// <param name="AppliedPath">The configuration the apply put in.</param>
    /// <param name="MarkerPath">The marker itself, to remove once the copy is served.</param>
    public sealed record Pending(string CopyPath, string PreviousPath, string AppliedPath, string MarkerPath);

    /// <summary>The marker for a daemon serving <paramref name="configPath"/>, or null when there is none.</summary>
    /// <exception cref="IOException">A marker is there but cannot be read or does not say what it must (the caller refuses to start).</exception>
    public static Pending? Read(string stateDirectory, string configPath)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        ArgumentNullException.ThrowIfNull(configPath);
        string marker = MarkerPath(stateDirectory, configPath);
        if (!File.Exists(marker))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(marker), new JsonDocumentOptions { MaxDepth = 2 });
            JsonElement root = document.RootElement;
            string? Str(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (Str("copy") is { } copy && Str("previous") is { } previous && Str("applied") is { } applied && File.Exists(copy))
            {
                return new Pending(copy, previous, applied, marker);
            }
        }
        catch (JsonException)
        {
        }

        throw new IOException($"{marker}: the record of an unconfirmed apply is damaged or its saved configuration is gone; the daemon does not start on a configuration that may be the unconfirmed one. Remove it by hand to serve the file as it is.");
    }

    /// <summary>
    /// Saves <paramref name="previousText"/> and the marker, before the apply goes in (the directory is made 0700 when
    /// missing; the marker is written to a temporary name and renamed, so it is never half there).
    /// </summary>
    /// <exception cref="IOException">The state directory cannot be written (the apply is then refused).</exception>
    public static void Write(string stateDirectory, string configPath, string previousPath, string previousText, string appliedPath)
    {
        ArgumentNullException.ThrowIfNull(previousText);
        if (!OperatingSystem.IsLinux())
        {
            throw new IOException("the rollback record needs Linux");
        }

        try
        {
            if (!Directory.Exists(stateDirectory))
            {
                Directory.CreateDirectory(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            string copy = CopyPath(stateDirectory, configPath, previousPath);
            WritePrivate(copy, Encoding.UTF8.GetBytes(previousText));
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("copy", copy);
                writer.WriteString("previous", previousPath);
                writer.WriteString("applied", appliedPath);
                writer.WriteString("serving", configPath);
                writer.WriteEndObject();
            }

            string marker = MarkerPath(stateDirectory, configPath);
            WritePrivate(marker + ".tmp", buffer.WrittenSpan.ToArray());
            File.Move(marker + ".tmp", marker, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    /// <summary>Removes the marker and the copy (confirmed, or rolled back).</summary>
    public static void Clear(string stateDirectory, string configPath)
    {
        string marker = MarkerPath(stateDirectory, configPath);
        foreach (string file in Directory.Exists(stateDirectory)
            ? Directory.GetFiles(stateDirectory, $"apply-previous-{Key(configPath)}.*").Append(marker)
            : [])
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left: a start would serve the copy. The marker goes last, so a copy without it is only litter.
            }
        }
    }

    private static string MarkerPath(string stateDirectory, string configPath) =>
        Path.Combine(stateDirectory, $"apply-pending-{Key(configPath)}.json");

    private static string CopyPath(string stateDirectory, string configPath, string previousPath)
    {
        string extension = Path.GetExtension(previousPath).ToLowerInvariant() is ".yaml" or ".yml" ? ".yaml" : ".rsc";
        return Path.Combine(stateDirectory, $"apply-previous-{Key(configPath)}{extension}");
    }

    private static string Key(string configPath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configPath)).AsSpan(0, 8));

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void WritePrivate(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
