using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests.Support;

/// <summary>Parses RouterOS scripts into the rule model for the tests, failing on any parse error.</summary>
internal static class Configs
{
    public static FirewallConfig Parse(string script, string fileName = "test.rsc")
    {
        ScriptResult result = RouterOsScript.Parse(script, fileName);
        Assert.False(result.Diagnostics.Any(d => d.IsError), string.Join("\n", result.Diagnostics));
        return result.Config;
    }

    public static FirewallConfig Seed(string name) => Parse(SeedFixtures.Read(name), name);
}
