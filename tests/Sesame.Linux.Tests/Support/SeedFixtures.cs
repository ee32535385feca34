namespace Sesame.Tests.Support;

/// <summary>Finds <c>tests/fixtures/seeds</c> from the test binaries, so the fixtures stay one copy in the repository.</summary>
internal static class SeedFixtures
{
    public static string Directory { get; } = Find();

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.rsc").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "seeds");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/seeds not found above " + AppContext.BaseDirectory);
    }
}
