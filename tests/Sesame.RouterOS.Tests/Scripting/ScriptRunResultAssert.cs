using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

internal static class ScriptRunResultAssert
{
    public static void Succeeded(ScriptRunResult result) => Assert.True(result.Succeeded, result.Error);

    /// <summary>The run failed with an error containing <paramref name="fragment"/>; returns the message.</summary>
    public static string Failed(ScriptRunResult result, string fragment)
    {
        Assert.False(result.Succeeded, "the run succeeded");
        Assert.Contains(fragment, result.Error, StringComparison.Ordinal);
        return result.Error!;
    }
}
