using Sesame.Spa;

namespace Sesame.Tests.Support;

/// <summary>A fresh temporary directory for key files and profiles, deleted with it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class KeyDirectory : IDisposable
{
    public KeyDirectory() => Path = Directory.CreateTempSubdirectory("sesame-keys-").FullName;

    public string Path { get; }

    /// <summary>Writes a key file as <c>fwknop --key-gen</c> prints it, with <paramref name="mode"/> (0600 by default).</summary>
    public SpaKeys Add(string name, SpaKeys? keys = null, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        keys ??= SpaKeys.Generate();
        string text = $"KEY_BASE64: {Convert.ToBase64String(keys.EncryptionKey)}\nHMAC_KEY_BASE64: {Convert.ToBase64String(keys.HmacKey)}\n";
        Write(name, text, mode);
        return keys;
    }

    public string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        string path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
