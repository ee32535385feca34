namespace Sesame.Tests.Support;

/// <summary>Finds files of the repository (examples, seed fixtures) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sesame.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Sesame.slnx not found above " + AppContext.BaseDirectory);
    }
}
