namespace Sesame.Tests.Support;

/// <summary>A file in a fresh temporary folder, deleted with it.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-test-").FullName;

    public TempFile(string name, string content)
    {
        Path = System.IO.Path.Combine(_dir, name);
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
