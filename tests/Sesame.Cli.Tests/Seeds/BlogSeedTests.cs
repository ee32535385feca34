using Sesame.Engine;
using Sesame.Model;

namespace Sesame.Tests.Seeds;

/// <summary>
/// Seed 002, the blog's three-knock variant (333 → 777 → 888) placed into a RouterOS default configuration with
/// place-before. As printed, the third knock fills list "secure" while the accept rule asks for "secured" through
/// in-interface=WAN (an interface named WAN, not the list): RouterOS would never open the door, and neither does Sesame.
/// `check` explains both mistakes.
/// </summary>
public sealed class BlogSeedTests
{
    private const string Client = "203.0.113.30";

    [Fact]
    public void Blog_PlaceBefore_PutsTheRulesBetweenTheDefaultRules()
    {
        FirewallConfig config = SeedRun.Load("002-blog-three-knock.rsc");

        string[] order = [.. config.Ipv4Filter.Where(r => r.Chain == "input").Select(r => r.Comment ?? r.AddressList ?? r.Action.ToRouterOs())];
        Assert.Equal(
            ["drop", "blacklist", "defconf: accept established,related,untracked", "333", "defconf: drop invalid", "777",
             "defconf: accept ICMP", "secure", "defconf: accept to local loopback (for CAPsMAN)", "accept", "defconf: drop all not coming from LAN"],
            order);
    }

    [Fact]
    public void Blog_SequenceAsPrinted_FillsSecureButDoesNotOpen()
    {
        SeedRun run = SeedRun.Of("002-blog-three-knock.rsc", $"""
            0  {Client} tcp 333
            1  {Client} tcp 777
            2  {Client} tcp 888
            3  {Client} tcp 22
            """);

        Assert.Equal(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1), run.Remaining("secure", Client));
        Assert.Equal(Verdict.Drop, run.VerdictOf(3));
    }

    [Fact]
    public void Blog_TrapPort_BlacklistsAndTheTopRuleDropsLaterKnocks()
    {
        SeedRun run = SeedRun.Of("002-blog-three-knock.rsc", $"""
            0  {Client} tcp 666
            1  {Client} tcp 333
            """);

        Assert.True(run.InList("blacklist", Client));
        Assert.False(run.InList("333", Client));
        Assert.Equal(1, run.Result.Packets[1].Result.RuleIndex);
    }

    [Fact]
    public void Blog_EstablishedSessionsAndLanTraffic_StillPass()
    {
        SeedRun run = SeedRun.Of("002-blog-three-knock.rsc", """
            0  192.168.88.20 tcp 8291 in=bridge
            1  192.168.88.20 tcp 8291 in=bridge flags=ack
            """);

        Assert.Equal([Verdict.Accept, Verdict.Accept], run.Verdicts);
    }

    [Fact]
    public void Blog_Check_ExplainsWhyTheDoorNeverOpens()
    {
        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "002-blog-three-knock.rsc"));

        Assert.Equal(0, run.Exit);
        Assert.Contains("did you mean 'secure'?", run.Out, StringComparison.Ordinal);
        Assert.Contains("in-interface-list=WAN", run.Out, StringComparison.Ordinal);
    }
}
