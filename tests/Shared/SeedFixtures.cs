namespace Sesame.Tests.Support;

/// <summary>The seed documents' configurations as scripts, <c>tests/fixtures/seeds</c>, kept once in the repository.</summary>
internal static class SeedFixtures
{
    public static string Directory { get; } = RepoPaths.Combine("tests", "fixtures", "seeds");

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.rsc").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
