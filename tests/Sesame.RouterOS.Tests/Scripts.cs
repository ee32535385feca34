using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests;

/// <summary>Small helpers for tests that parse scripts given inline.</summary>
internal static class Scripts
{
    public const string File = "test.rsc";

    /// <summary>Interface lists WAN and LAN with members, as the seeds assume them.</summary>
    public const string Lists = "/interface list add name=WAN\n/interface list add name=LAN\n" +
        "/interface list member add interface=ether1 list=WAN\n/interface list member add interface=bridge list=LAN\n";

    public static ScriptResult Parse(string text, bool strict = false) =>
        RouterOsScript.Parse(text, File, new ScriptOptions { Strict = strict });

    /// <summary>Parses and requires no errors, showing every diagnostic when there are some.</summary>
    public static FirewallConfig Config(string text)
    {
        ScriptResult result = Parse(text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Config;
    }

    public static FilterRule Rule(string line) => Assert.Single(Config(Lists + "/ip firewall filter\n" + line).Ipv4Filter);

    public static Diagnostic Single(ScriptResult result, string code) =>
        Assert.Single(result.Diagnostics, d => d.Code == code);

    public static string Comments(IEnumerable<FilterRule> rules) => string.Join(",", rules.Select(r => r.Comment));
}
