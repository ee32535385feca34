using Sesame.Engine;

namespace Sesame.Tests.Seeds;

/// <summary>
/// The passphrase knocks: seed 001 (the slides: two UDP knocks carrying "supersecretpassword1/2") and seed 000's
/// variant (a UDP first knock whose layer7 regexp is printed as "^passphrase/$").
/// </summary>
public sealed class Layer7SeedTests
{
    private const string Client = "198.51.100.9";

    [Fact]
    public void Slides_RightPassphrasesInTime_SecureAndOpen()
    {
        SeedRun run = SeedRun.Of("001-slides-layer7.rsc", $"""
            0    {Client} udp 1234 payload="supersecretpassword1" sport=50001
            0.5  {Client} udp 4321 payload="supersecretpassword2" sport=50002
            1    {Client} tcp 22
            """);

        Assert.Equal(["temporary"], run.Added(0));
        Assert.Equal(["secured"], run.Added(1));
        Assert.Equal(Verdict.Accept, run.VerdictOf(2));
        Assert.Equal(TimeSpan.FromSeconds(9.5), run.Remaining("secured", Client));
    }

    [Theory]
    [InlineData("wrong first passphrase", "guess", "supersecretpassword2", 5)]
    [InlineData("passphrases swapped", "supersecretpassword2", "supersecretpassword1", 5)]
    [InlineData("trailing newline, as echo without -n sends", "supersecretpassword1\\n", "supersecretpassword2", 5)]
    [InlineData("passphrase with a prefix", "xsupersecretpassword1", "supersecretpassword2", 5)]
    [InlineData("second knock after the first one's 10 s", "supersecretpassword1", "supersecretpassword2", 11)]
    public void Slides_WrongPayloadOrTiming_DoesNotOpen(string why, string first, string second, int secondAt)
    {
        SeedRun run = SeedRun.Of("001-slides-layer7.rsc", $"""
            0           {Client} udp 1234 payload="{first}" sport=50001
            {secondAt}  {Client} udp 4321 payload="{second}" sport=50002
            {secondAt + 1}  {Client} tcp 22
            """);

        Assert.False(run.InList("secured", Client), why);
        Assert.Equal(Verdict.Drop, run.VerdictOf(2));
    }

    [Fact]
    public void Slides_PlainPortKnocksWithoutPayload_DoNotOpen()
    {
        SeedRun run = SeedRun.Of("001-slides-layer7.rsc", $"""
            0  {Client} udp 1234
            1  {Client} udp 4321
            2  {Client} tcp 1234
            3  {Client} tcp 4321
            4  {Client} tcp 22
            """);

        Assert.False(run.InList("temporary", Client));
        Assert.Equal(Verdict.Drop, run.VerdictOf(4));
    }

    [Fact]
    public void Slides_Layer7IsCaseInsensitive()
    {
        SeedRun run = SeedRun.Of("001-slides-layer7.rsc", $"""
            0  {Client} udp 1234 payload="SuperSecretPassword1" sport=50001
            1  {Client} udp 4321 payload="SUPERSECRETPASSWORD2" sport=50002
            """);

        Assert.True(run.InList("secured", Client));
    }

    [Fact]
    public void Slides_SecuredLastsTenSeconds()
    {
        SeedRun run = SeedRun.Of("001-slides-layer7.rsc", $"""
            0   {Client} udp 1234 payload="supersecretpassword1" sport=50001
            1   {Client} udp 4321 payload="supersecretpassword2" sport=50002
            12  {Client} tcp 22
            """);

        Assert.Equal(Verdict.Drop, run.VerdictOf(2));
    }

    [Fact]
    public void ManualOldLayer7_PassphraseAsPrinted_OpensOnlyWithTheSlash()
    {
        // The old manual prints regexp="^passphrase/$"; Sesame keeps it literally (ROUTEROS.md §1.11), so the data that
        // matches is "passphrase/" — and "passphrase" alone does not.
        SeedRun right = SeedRun.Of("000-manual-old-en-layer7.rsc", $"""
            0  {Client} udp 888 payload="passphrase/"
            1  {Client} tcp 555
            2  {Client} tcp 222
            3  {Client} tcp 22
            """);
        SeedRun wrong = SeedRun.Of("000-manual-old-en-layer7.rsc", $"""
            0  {Client} udp 888 payload="passphrase"
            1  {Client} tcp 555
            2  {Client} tcp 222
            3  {Client} tcp 22
            """);

        Assert.Equal(Verdict.Accept, right.VerdictOf(3));
        Assert.Equal(Verdict.Drop, wrong.VerdictOf(3));
        Assert.False(wrong.InList("888", Client));
    }
}
