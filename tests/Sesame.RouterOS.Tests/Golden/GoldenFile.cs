using System.Runtime.CompilerServices;

namespace Sesame.Tests.Golden;

/// <summary>
/// Golden-file assertions: the expected text lives in <c>Golden/&lt;name&gt;.txt</c> next to this file and is copied
/// to the test output directory. After a deliberate change of an output format, run the tests once with the
/// environment variable <c>SESAME_UPDATE_GOLDEN=1</c>: instead of comparing, each assertion rewrites its file in the
/// source tree; review the change with <c>git diff</c> and commit it.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        string fileName = name + ".txt";
        if (Environment.GetEnvironmentVariable("SESAME_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), fileName), actual);
            return;
        }

        string path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        Assert.True(File.Exists(path), $"Golden file {fileName} is missing; run the tests with SESAME_UPDATE_GOLDEN=1 to create it.");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
