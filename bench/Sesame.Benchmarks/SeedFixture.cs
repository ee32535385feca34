using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Benchmarks;

/// <summary>The seed fixture <c>000-manual-old-en.rsc</c> parsed by the RouterOS front end, with every rule enabled.</summary>
internal static class SeedFixture
{
    private const string FileName = "000-manual-old-en.rsc";

    /// <summary>
    /// The document ships its blacklist rules disabled and says to enable them once the knock works, so the benchmark
    /// evaluates the ruleset as it runs then.
    /// </summary>
    public static FirewallConfig Build()
    {
        FirewallConfig config = Parse(FileName);
        return config with { Ipv4Filter = [.. config.Ipv4Filter.Select(r => r with { Disabled = false })] };
    }

    /// <summary>A seed fixture (<c>tests/fixtures/seeds/</c>) as the RouterOS front end reads it.</summary>
    public static FirewallConfig Parse(string fileName)
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "fixtures", "seeds", fileName);
        return RouterOsScript.Parse(File.ReadAllText(path), fileName).Config;
    }

    // BenchmarkDotNet runs the benchmark from a generated project's bin folder, so look upwards for the solution file.
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sesame.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Sesame.slnx above {AppContext.BaseDirectory}.");
    }
}
