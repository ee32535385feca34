using Sesame.Engine;
using Sesame.Model;

namespace Sesame.Tests.Seeds;

/// <summary>Seed 004, the new MikroTik manual page: knock1 → knock2 → secured, reordered with move, and its brute-force snippet.</summary>
public sealed class ManualNewSeedTests
{
    private const string Client = "203.0.113.40";

    [Fact]
    public void ManualNew_RightSequenceAfterMove_SecuresAndOpens()
    {
        SeedRun run = SeedRun.Of("004-manual-new.rsc", $"""
            0  {Client} tcp 888
            1  {Client} tcp 555
            2  {Client} tcp 222
            3  {Client} tcp 22
            """);

        Assert.Equal(["knock1"], run.Added(0));
        Assert.Equal(["knock2"], run.Added(1));
        Assert.Equal(["secured"], run.Added(2));
        Assert.Equal(Verdict.Accept, run.VerdictOf(3));
    }

    [Fact]
    public void ManualNew_MoveZeroThree_PlacesTheFirstKnockBeforeTheAcceptRule()
    {
        FirewallConfig config = SeedRun.Load("004-manual-new.rsc");

        Assert.Equal(["knock2", "secured", "knock1"], config.Ipv4Filter.Take(3).Select(r => r.AddressList));
        Assert.Equal(FilterAction.Accept, config.Ipv4Filter[3].Action);
    }

    [Fact]
    public void ManualNew_WrongOrder_DoesNotOpen()
    {
        SeedRun run = SeedRun.Of("004-manual-new.rsc", $"""
            0  {Client} tcp 555
            1  {Client} tcp 888
            2  {Client} tcp 222
            3  {Client} tcp 22
            """);

        Assert.Equal(Verdict.Drop, run.VerdictOf(3));
    }

    [Fact]
    public void ManualNew_LockedOutEntryWithPlaceholderAddress_MatchesNobody()
    {
        // The troubleshooting line adds "YOUR_IP", which RouterOS stores as a DNS name; it lets no one in.
        SeedRun run = SeedRun.Of("004-manual-new.rsc", $"0 {Client} tcp 22");

        Assert.Equal(Verdict.Drop, run.VerdictOf(0));
    }

    [Fact]
    public void ManualNew_Check_FlagsTheBlacklistRulesPlacedAfterTheDrop()
    {
        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc"));

        Assert.Equal(0, run.Exit);
        Assert.Contains("SES0503", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bruteforce_FourthConcurrentSshConnection_ListsTheSourceAndLaterOnesAreDropped()
    {
        // connection-limit=3,32: more than three connections from the address put it on ssh-brute for 30 minutes.
        SeedRun run = SeedRun.Of("004-manual-new-bruteforce.rsc", $"""
            0    {Client} tcp 22 sport=41001
            0.1  {Client} tcp 22 sport=41002
            0.2  {Client} tcp 22 sport=41003
            0.3  {Client} tcp 22 sport=41004
            0.4  {Client} tcp 22 sport=41005
            """);

        Assert.Empty(run.Added(2));
        Assert.Equal(["ssh-brute"], run.Added(3));
        Assert.Equal(Verdict.Drop, run.VerdictOf(4));
        Assert.Equal(0, run.Result.Packets[4].Result.RuleIndex);
        Assert.Equal(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(0.1), run.Remaining("ssh-brute", Client));
    }
}
