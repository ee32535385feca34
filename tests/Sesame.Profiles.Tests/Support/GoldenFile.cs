using System.Runtime.CompilerServices;

namespace Sesame.Tests.Support;

/// <summary>
/// Golden-file assertions for RouterOS exports: the expected text lives in <c>Compiling/Golden/&lt;name&gt;.rsc</c>. After
/// a deliberate change of the output, run the tests once with <c>SESAME_UPDATE_GOLDEN=1</c> to rewrite the files in the
/// source tree, and review the change with <c>git diff</c>.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        string fileName = name + ".rsc";
        if (Environment.GetEnvironmentVariable("SESAME_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "..", "Compiling", "Golden", fileName), actual);
            return;
        }

        string path = Path.Combine(AppContext.BaseDirectory, "Compiling", "Golden", fileName);
        Assert.True(File.Exists(path), $"Golden file {fileName} is missing; run the tests with SESAME_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
