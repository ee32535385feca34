using System.Text.Json.Nodes;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Nftables;

public sealed class NftCommandGuardTests
{
    [Fact]
    public void Check_EveryCommandOfACompiledSeed_IsAccepted()
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"), new NftCompilerOptions { NflogGroup = 7 });

        foreach (NftCommand command in compilation.Ruleset.JsonCommands)
        {
            NftCommandGuard.Check(command.ToJson());
        }
    }

    [Theory]
    [InlineData("""{"delete":{"table":{"family":"ip","name":"foreign"}}}""")]
    [InlineData("""{"add":{"table":{"family":"inet","name":"other"}}}""")]
    [InlineData("""{"add":{"rule":{"family":"inet","table":"other","chain":"input","expr":[{"accept":null}]}}}""")]
    [InlineData("""{"add":{"rule":{"family":"ip","table":"sesame","chain":"input","expr":[{"accept":null}]}}}""")]
    [InlineData("""{"add":{"rule":{"family":"inet","chain":"input","expr":[{"accept":null}]}}}""")]
    [InlineData("""{"add":{"table":{"family":"inet","name":"sesame","table":"x"}}}""")]
    [InlineData("""{"list":{"ruleset":null}}""")]
    [InlineData("""{"flush":{"ruleset":null}}""")]
    [InlineData("""{"rename":{"chain":{"family":"inet","table":"sesame","name":"a","newname":"b"}}}""")]
    [InlineData("""{"add":{"chain":{"family":"inet","table":"sesame","name":"a"}},"delete":{"table":{"family":"ip","name":"f"}}}""")]
    [InlineData("""{"add":{"chain":{"family":"inet","table":"sesame","name":"a"},"table":{"family":"ip","name":"f"}}}""")]
    [InlineData("""{"add":{"flowtable":{"family":"inet","table":"sesame","name":"f"}}}""")]
    public void Check_CommandNotAboutInetSesame_IsRefused(string json)
    {
        JsonObject command = JsonNode.Parse(json)!.AsObject();

        Assert.Throws<NftException>(() => NftCommandGuard.Check(command));
    }

    [Theory]
    [InlineData("""{"add":{"chain":{"family":"inet","table":"sesame","name":"a\u0000b"}}}""", "NUL")]
    [InlineData("""{"add":{"rule":{"family":"inet","table":"sesame","chain":"c","expr":[{"log":{"prefix":"cut\u0000here"}}]}}}""", "NUL")]
    [InlineData("""{"add":{"rule":{"family":"inet","table":"sesame","chain":"c","expr":[{"match":{"op":"==","left":{"meta":{"key":"iifname"}},"right":"eth\u00000"}}]}}}""", "NUL")]
    [InlineData("""{"add":{"rule":{"family":"inet","table":"sesame","chain":"c","expr":[{"match":{"op":"==","left":{"meta":{"key":"iifname"}},"right":"sixteen-bytes-xx"}}]}}}""", "at most 15")]
    [InlineData("""{"add":{"element":{"family":"inet","table":"sesame","name":"if_WAN","elem":["ether1","sixteen-bytes-xx"]}}}""", "at most 15")]
    public void Check_StringNftablesWouldCut_IsRefused(string json, string reason)
    {
        JsonObject command = JsonNode.Parse(json)!.AsObject();

        Assert.Contains(reason, Assert.Throws<NftException>(() => NftCommandGuard.Check(command)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, true)]
    public void Check_ChainName_IsRefusedPastNftablesLimit(int length, bool refused)
    {
        var command = NftCommand.Of("add", "chain", new JsonObject { ["name"] = new string('c', length) });

        Exception? e = Record.Exception(() => NftCommandGuard.Check(command.ToJson()));

        Assert.Equal(refused, e is NftException);
    }

    [Theory]
    [InlineData(127, false)]
    [InlineData(128, true)]
    public void Check_LogPrefix_IsRefusedPastNftablesLimit(int length, bool refused)
    {
        var command = NftCommand.Of("add", "rule", new JsonObject { ["chain"] = "c", ["expr"] = new JsonArray(NftExpr.Log(new string('p', length))) });

        Exception? e = Record.Exception(() => NftCommandGuard.Check(command.ToJson()));

        Assert.Equal(refused, e is NftException);
    }

    [Fact]
    public void Serialize_HostileStrings_AreJsonValuesThatReadBackUnchanged()
    {
        const string evil = "a\n;add table ip evil { }\"#\\\u001b";
        var command = NftCommand.Of("add", "rule", new JsonObject
        {
            ["chain"] = "c",
            ["expr"] = new JsonArray(NftExpr.Equal(NftExpr.Meta("iifname"), evil), NftExpr.Log(evil)),
        });

        string json = NftContext.Serialize([command.ToJson()]);

        JsonArray commands = JsonNode.Parse(json)!["nftables"]!.AsArray();
        Assert.Equal(2, commands.Count); // metainfo and the rule, nothing else
        JsonNode rule = commands[1]!["add"]!["rule"]!;
        Assert.Equal(evil, (string)rule["expr"]![0]!["match"]!["right"]!);
        Assert.Equal(evil, (string)rule["expr"]![1]!["log"]!["prefix"]!);
        Assert.DoesNotContain('\n', json);
    }

    [Theory]
    [InlineData(128, false)]
    [InlineData(129, true)]
    public void Check_ElementComment_IsRefusedPastNftablesLimit(int length, bool refused)
    {
        var command = NftCommand.Elements("add", "v4_secured", [
            JsonNode.Parse("\"192.0.2.1\"")!,
            new JsonObject { ["elem"] = new JsonObject { ["val"] = "192.0.2.2", ["timeout"] = 60, ["comment"] = new string('c', length) } },
        ]);

        Exception? e = Record.Exception(() => NftCommandGuard.Check(command.ToJson()));

        Assert.Equal(refused, e is NftException);
    }
}
