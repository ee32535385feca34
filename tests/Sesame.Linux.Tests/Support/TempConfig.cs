namespace Sesame.Tests.Support;

/// <summary>A configuration written to a temporary file for the <c>sesame</c> program, deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig(string script)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sesame-test-{Guid.NewGuid():N}.rsc");
        File.WriteAllText(Path, script);
    }

    public string Path { get; }

    public static TempConfig Seed(string name) => new(SeedFixtures.Read(name));

    public void Dispose() => File.Delete(Path);
}
