using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests.Seeds;

/// <summary>
/// RouterOS strings are bytes: a door written with <c>\C3\A9</c> escapes and one with a typed é are the same door, and a
/// UTF-8 passphrase opens both, whether the trace writes it as <c>\xc3\xa9</c> or as é.
/// </summary>
public sealed class Layer7BytesTests
{
    private const string Client = "198.51.100.9";

    private static FirewallConfig Door(string regexp)
    {
        ScriptResult parsed = RouterOsScript.Parse($$"""
            /ip firewall layer7-protocol
            add name=pass regexp="{{regexp}}"
            /ip firewall filter
            add chain=input protocol=udp dst-port=1234 layer7-protocol=pass action=add-src-to-address-list address-list=open address-list-timeout=1m
            """, "door.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return parsed.Config;
    }

    [Theory]
    [InlineData(@"^caf\C3\A9\$", @"caf\xc3\xa9", true)]
    [InlineData(@"^caf\C3\A9\$", "caf\u00e9", true)]
    [InlineData("^caf\u00e9\\$", @"caf\xc3\xa9", true)]
    [InlineData("^caf\u00e9\\$", "CAF\u00e9", true)]
    [InlineData(@"^caf\C3\A9\$", @"caf\xe9", false)] // é in Latin-1 is another byte
    [InlineData("^caf\u00e9\\$", @"caf\xe3\xa9", false)] // ã's first byte: only ASCII letters fold
    [InlineData(@"^\FF\$", @"\xff", true)] // a byte that is not UTF-8 stays that byte
    [InlineData(@"^\FF\$", @"\xef\xbf\xbd", false)] // and does not become U+FFFD
    public void Simulate_Utf8Passphrase_OpensTheDoorWhateverTheSpelling(string regexp, string payload, bool opens)
    {
        SeedRun run = SeedRun.Of(Door(regexp), $"""
            0  {Client} udp 1234 payload="{payload}" sport=50001
            """);

        Assert.Equal(opens, run.InList("open", Client));
    }
}
