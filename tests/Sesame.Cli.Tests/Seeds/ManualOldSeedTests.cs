using System.Globalization;
using System.Text;
using Sesame.Engine;
using Sesame.Model;

namespace Sesame.Tests.Seeds;

/// <summary>Seed 000 (the old MikroTik manual page) and seed 003 (its Chinese translation): knocks 888 → 555 → 222.</summary>
public sealed class ManualOldSeedTests
{
    private const string Client = "203.0.113.7";

    [Theory]
    [InlineData("000-manual-old-en.rsc")]
    [InlineData("003-manual-zh.rsc")]
    public void Knock_RightSequenceInTime_SecuresFor30MinutesAndOpens(string fixture)
    {
        SeedRun run = SeedRun.Of(fixture, $"""
            0   {Client} tcp 888
            5   {Client} tcp 555
            10  {Client} tcp 222
            11  {Client} tcp 22
            """);

        Assert.Equal([Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Accept], run.Verdicts);
        Assert.Equal(["888"], run.Added(0));
        Assert.Equal(["555"], run.Added(1));
        Assert.Equal(["secured"], run.Added(2));
        Assert.Equal(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1), run.Remaining("secured", Client));
    }

    [Theory]
    [InlineData("000-manual-old-en.rsc")]
    [InlineData("003-manual-zh.rsc")]
    public void Knock_AfterSecuredExpires_NewConnectionIsDropped(string fixture)
    {
        SeedRun run = SeedRun.Of(fixture, $"""
            0     {Client} tcp 888
            1     {Client} tcp 555
            2     {Client} tcp 222
            1801  {Client} tcp 22 sport=40001
            1802  {Client} tcp 22 sport=40002
            """);

        Assert.Equal(Verdict.Accept, run.VerdictOf(3));
        Assert.Equal(Verdict.Drop, run.VerdictOf(4));
        Assert.False(run.InList("secured", Client));
    }

    [Theory]
    [InlineData("wrong order", "0 C tcp 555\n1 C tcp 888\n2 C tcp 222\n3 C tcp 22")]
    [InlineData("reversed", "0 C tcp 222\n1 C tcp 555\n2 C tcp 888\n3 C tcp 22")]
    [InlineData("missing step", "0 C tcp 888\n1 C tcp 222\n2 C tcp 22")]
    [InlineData("too slow a step", "0 C tcp 888\n31 C tcp 555\n32 C tcp 222\n33 C tcp 22")]
    [InlineData("third knock too slow", "0 C tcp 888\n10 C tcp 555\n41 C tcp 222\n42 C tcp 22")]
    [InlineData("UDP instead of TCP", "0 C udp 888\n1 C udp 555\n2 C udp 222\n3 C tcp 22")]
    [InlineData("knocks from the LAN side", "0 C tcp 888 in=bridge\n1 C tcp 555 in=bridge\n2 C tcp 222 in=bridge\n3 C tcp 22")]
    public void Knock_WrongSequence_DoesNotOpen(string why, string trace)
    {
        SeedRun run = SeedRun.Of("000-manual-old-en.rsc", trace.Replace("C", Client, StringComparison.Ordinal));

        Assert.False(run.InList("secured", Client), why);
        Assert.Equal(Verdict.Drop, run.Verdicts[^1]);
    }

    [Fact]
    public void Knock_RetransmittedFirstKnock_RenewsItsTimeout()
    {
        // A TCP knock to a dropped port is retransmitted with the same 5-tuple; each copy resets the entry's 30 s
        // (ROUTEROS.md §2.6, §3.4), so the second knock 45 s after the first still counts.
        SeedRun run = SeedRun.Of("000-manual-old-en.rsc", $"""
            0   {Client} tcp 888 sport=50000
            20  {Client} tcp 888 sport=50000
            45  {Client} tcp 555
            46  {Client} tcp 222
            47  {Client} tcp 22
            """);

        Assert.Equal(Verdict.Accept, run.VerdictOf(4));
    }

    [Fact]
    public void Knock_OnlyTheKnockingSourceIsLetIn()
    {
        SeedRun run = SeedRun.Of("000-manual-old-en.rsc", $"""
            0  {Client} tcp 888
            1  {Client} tcp 555
            2  {Client} tcp 222
            3  198.51.100.1 tcp 22
            """);

        Assert.Equal(Verdict.Drop, run.VerdictOf(3));
    }

    [Fact]
    public void Blacklist_AsPrintedDisabled_TrapPortDoesNothing()
    {
        SeedRun run = SeedRun.Of("000-manual-old-en.rsc", $"""
            0  {Client} tcp 666
            1  {Client} tcp 888
            2  {Client} tcp 555
            3  {Client} tcp 222
            """);

        Assert.False(run.InList("blacklist", Client));
        Assert.True(run.InList("secured", Client));
    }

    [Fact]
    public void Blacklist_Enabled_TrapPortBlacklistsFor1000MinutesAndTopRuleDropsTheKnocks()
    {
        FirewallConfig config = SeedRun.AllEnabled(SeedRun.Load("000-manual-old-en.rsc"));

        SeedRun run = SeedRun.Of(config, $"""
            0  {Client} tcp 666
            1  {Client} tcp 888
            2  {Client} tcp 555
            3  {Client} tcp 222
            4  {Client} tcp 22
            """);

        Assert.Equal(TimeSpan.FromMinutes(1000) - TimeSpan.FromSeconds(4), run.Remaining("blacklist", Client));
        Assert.All(run.Result.Packets.Skip(1), p => Assert.Equal(0, p.Result.RuleIndex));
        Assert.All(run.Result.Packets, p => Assert.Equal(Verdict.Drop, p.Result.Verdict));
        Assert.False(run.InList("888", Client));
        Assert.False(run.InList("secured", Client));
    }

    [Fact]
    public void Blacklist_Enabled_ScanPortBlacklistsForAMinuteThenKnockingWorksAgain()
    {
        FirewallConfig config = SeedRun.AllEnabled(SeedRun.Load("000-manual-old-en.rsc"));

        SeedRun run = SeedRun.Of(config, $"""
            0   {Client} tcp 22
            10  {Client} tcp 888
            11  {Client} tcp 555
            12  {Client} tcp 222
            61  {Client} tcp 888
            62  {Client} tcp 555
            63  {Client} tcp 222
            64  {Client} tcp 22 sport=40001
            """);

        Assert.Equal(["blacklist"], run.Added(0));
        Assert.All(run.Result.Packets.Skip(1).Take(3), p => Assert.Equal(0, p.Result.RuleIndex));
        Assert.Equal(Verdict.Accept, run.VerdictOf(7));
    }

    [Fact]
    public void Blacklist_Enabled_SecuredSourceMayUseScanPorts()
    {
        FirewallConfig config = SeedRun.AllEnabled(SeedRun.Load("000-manual-old-en.rsc"));

        SeedRun run = SeedRun.Of(config, $"""
            0  {Client} tcp 888
            1  {Client} tcp 555
            2  {Client} tcp 222
            3  {Client} tcp 22
            4  {Client} tcp 8291
            """);

        Assert.Equal(Verdict.Accept, run.VerdictOf(3));
        Assert.Equal(Verdict.Accept, run.VerdictOf(4));
        Assert.False(run.InList("blacklist", Client));
    }

    [Fact]
    public void Blacklist_Enabled_AscendingPortScanIsCaughtBeforeItCompletesTheSequence()
    {
        FirewallConfig config = SeedRun.AllEnabled(SeedRun.Load("000-manual-old-en.rsc"));
        // nmap's default scan touches 21, 22, 23 long before 222, 555 and 888.
        var scan = new StringBuilder();
        int[] ports = [21, 22, 23, 80, 222, 443, 555, 666, 888, 8291];
        for (int i = 0; i < ports.Length; i++)
        {
            scan.Append(CultureInfo.InvariantCulture, $"{i * 0.01:0.00} 192.0.2.99 tcp {ports[i]}\n");
        }

        SeedRun run = SeedRun.Of(config, scan.ToString());

        Assert.True(run.InList("blacklist", "192.0.2.99"));
        Assert.False(run.InList("secured", "192.0.2.99"));
    }
}
