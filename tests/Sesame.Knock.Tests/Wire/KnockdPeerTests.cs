using System.Net;
using Sesame.Tests.Kernel;
using Sesame.Tests.WireSupport;

namespace Sesame.Tests.Wire;

/// <summary><c>sesame knock</c> against the Debian knockd in a network namespace: knockd's own syntax opens its door.</summary>
public sealed class KnockdPeerTests
{
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(10);

    [RootFact]
    public void Knock_KnockdDoorIpv4_RunsStartCommandForClient() => OpensKnockdDoor(ipv6: false);

    [RootFact]
    public void Knock_KnockdDoorIpv6_RunsStartCommandForClient() => OpensKnockdDoor(ipv6: true);

    [RootFact]
    public void Knock_KnockdDoorStepsInWrongOrder_StaysShut()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        string marker = folder.File("opened");
        using BackgroundProcess knockd = Knockd.Start(pair, folder.Path, "7000:tcp,8000:udp,9000:tcp", $"echo %IP% >> {marker}");

        ProcessResult run = pair.Sesame("knock", pair.ServerV4.ToString(), "9000", "8000:udp", "7000");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.False(Poll.Until(() => File.Exists(marker), TimeSpan.FromSeconds(1)), knockd.Output);
    }

    [RootFact]
    public void Knock_WaitForDoorThatKnockdOpens_ExitsZero()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        using BackgroundProcess knockd = StartGuardedListener(pair, folder);

        ProcessResult run = pair.Sesame("knock", pair.ServerV4.ToString(), "7000:tcp", "8000:udp", "9000:tcp", "--wait", "2222/tcp", "--wait-timeout", "8000", "-v");

        Assert.True(run.Exit == 0, run.ToString() + knockd.Output);
        Assert.Contains("port 2222/tcp", run.Out, StringComparison.Ordinal);
    }

    [RootFact]
    public void Knock_WaitForDoorThatStaysShut_ExitsThree()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        using BackgroundProcess knockd = StartGuardedListener(pair, folder);

        // The UDP step is missing, so knockd never runs the command that lifts the drop rule.
        ProcessResult run = pair.Sesame("knock", pair.ServerV4.ToString(), "7000:tcp", "9000:tcp", "--wait", "2222", "--wait-timeout", "1500");

        Assert.True(run.Exit == 3, run.ToString());
        Assert.Contains("2222/tcp", run.Err, StringComparison.Ordinal);
        Assert.Contains("stayed closed", run.Err, StringComparison.Ordinal);
    }

    private static void OpensKnockdDoor(bool ipv6)
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        string marker = folder.File("opened");
        using BackgroundProcess knockd = Knockd.Start(pair, folder.Path, "7000:tcp,8000:udp,9000:tcp", $"echo %IP% >> {marker}");
        IPAddress server = ipv6 ? pair.ServerV6 : pair.ServerV4;

        // knockd's own client syntax, as given to knockd's `knock`.
        ProcessResult run = pair.Sesame("knock", server.ToString(), "7000:tcp", "8000:udp", "9000:tcp");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.True(Poll.Until(() => File.Exists(marker) && File.ReadAllText(marker).Trim().Length > 0, CommandWait), knockd.Output);
        Assert.Equal((ipv6 ? pair.ClientV6 : pair.ClientV4).ToString(), File.ReadAllText(marker).Trim());
    }

    /// <summary>
    /// A listener on port 2222 behind an nft drop rule in the server namespace; knockd's door deletes the rule, so the
    /// port starts accepting only after the right knock.
    /// </summary>
    private static BackgroundProcess StartGuardedListener(NetNs pair, TempFolder folder)
    {
        string rules = folder.File("gate.nft");
        File.WriteAllText(rules, "table inet sesame_test_gate {\n  chain input {\n    type filter hook input priority 0; policy accept;\n    tcp dport 2222 drop\n  }\n}\n");
        ProcessResult nft = pair.Run(pair.Server, CommandWait, Tools.Require("nft"), "-f", rules);
        Assert.True(nft.Exit == 0, nft.ToString());
        BackgroundProcess listener = pair.Start(pair.Server, Tools.Require("perl"), "-MIO::Socket::INET", "-e",
            $"$| = 1; my $s = IO::Socket::INET->new(LocalAddr => '{pair.ServerV4}', LocalPort => 2222, Listen => 5, ReuseAddr => 1) or die $!; print \"listening\\n\"; while (my $c = $s->accept) {{ close $c }}");
        listener.WaitForOutput("listening", CommandWait);
        return Knockd.Start(pair, folder.Path, "7000:tcp,8000:udp,9000:tcp", $"{Tools.Require("nft")} delete table inet sesame_test_gate");
    }
}
