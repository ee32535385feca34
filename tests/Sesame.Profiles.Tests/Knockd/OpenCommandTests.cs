using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Tests.Knockd;

/// <summary>What each start command becomes: the exact ports it opens, or a hook — never more than the command let in.</summary>
public sealed class OpenCommandTests
{
    [Theory]
    [InlineData("/sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "22")]
    [InlineData("iptables --append INPUT --source %IP% --protocol tcp --destination-port 22 --jump ACCEPT", "22")]
    [InlineData("iptables -I INPUT 1 -s %IP% -p tcp -m tcp --dport 2222 -j ACCEPT", "2222")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp -m multiport --dports 22,80,6000:6002 -j ACCEPT", "22,80,6000,6001,6002")]
    [InlineData("iptables -A INPUT -s %IP% -p udp -m multiport --destination-ports 51820,51821 -j ACCEPT", "51820/udp,51821/udp")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT", "22")]
    [InlineData("iptables -w -t filter -A INPUT -s %IP% -p tcp -m state --state NEW --dport 22 -j ACCEPT", "22")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -m comment --comment 'knockd: ssh' -j ACCEPT", "22")]
    [InlineData("sudo /usr/sbin/iptables -A INPUT -s '%IP%' -p \"tcp\" --dport 2\\2 -j ACCEPT", "22")]
    [InlineData("iptables -I INPUT -s %IP% -j ACCEPT", "all")]
    [InlineData("/usr/sbin/ufw allow from %IP% to any port 2222 proto tcp", "2222")]
    [InlineData("ufw allow from %IP% to any port 53", "53,53/udp")]
    [InlineData("ufw allow in proto udp from %IP% to any port 60000:60002", "60000/udp,60001/udp,60002/udp")]
    [InlineData("ufw allow from %IP%", "all")]
    [InlineData("ufw allow from %IP% to any port 22 proto tcp comment 'knockd ssh'", "22")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=ipv4 source address=%IP% port port=22 protocol=tcp accept'", "22")]
    [InlineData("firewall-cmd -q --add-rich-rule \"rule family=\\\"ipv4\\\" source address=\\\"%IP%\\\" port protocol=\\\"udp\\\" port=\\\"51820\\\" accept\"", "51820/udp")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=\"ipv4\" source address=\"%IP%\" accept'", "all")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=ipv4 source address=%IP% port port=60000-60001 protocol=udp accept'", "60000/udp,60001/udp")]
    [InlineData("/usr/sbin/nft add rule inet filter input ip saddr %IP% tcp dport 22 accept", "22")]
    [InlineData("nft insert rule inet filter input ip saddr %IP% udp dport { 51820, 51821 } accept", "51820/udp,51821/udp")]
    [InlineData("nft 'add rule ip filter input ip saddr %IP% ct state new tcp dport {22,80,8000-8001} counter accept'", "22,80,8000,8001")]
    [InlineData("nft add rule filter input ip saddr %IP% accept", "all")]
    public void Import_CommandReadExactly_OpensExactlyItsPorts(string command, string ports)
    {
        (Door door, _) = Imported.Door(command);

        Assert.False(door.OpensNothing);
        Assert.Null(door.Hooks);
        Assert.Equal(ports, door.Open.Count == 0 ? "all" : string.Join(",", door.Open));
        SimulationOpens(door, ports == "all" ? door.Open : [.. door.Open, new OpenPort(9, IpProtocols.Tcp), new OpenPort(9, IpProtocols.Udp)], ports == "all");
    }

    [Fact]
    public void Import_RangeOfTheMostPorts_OpensEachOnceAndCompiles()
    {
        (Door door, _) = Imported.Door("iptables -A INPUT -s %IP% -p tcp -m multiport --dports 1000:1062,1000,1063 -j ACCEPT");

        Assert.Equal(Enumerable.Range(1000, PortList.MaxPorts).Select(p => new OpenPort((ushort)p, IpProtocols.Tcp)), door.Open);
        SimulationOpens(door, [new OpenPort(1000, IpProtocols.Tcp), new OpenPort(1063, IpProtocols.Tcp), new OpenPort(1064, IpProtocols.Tcp), new OpenPort(999, IpProtocols.Tcp)], all: false);
    }

    [Theory]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --destination-port 22 -i lo -j ACCEPT", "interface 'lo'")]
    [InlineData("iptables -A INPUT -s %IP% --in-interface eth1 -j ACCEPT", "interface 'eth1'")]
    [InlineData("iptables -A INPUT -s %IP% -d 127.0.0.1 -p tcp --dport 22 -j ACCEPT", "destination '127.0.0.1'")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp ! --dport 22 -j ACCEPT", "negation")]
    [InlineData("iptables -A INPUT ! -s %IP% -j ACCEPT", "negation")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --sport 1024 -j ACCEPT", "source port")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp -m multiport --ports 22,80 -j ACCEPT", "source port")]
    [InlineData("iptables -A FORWARD -s %IP% -j ACCEPT", "chain 'FORWARD'")]
    [InlineData("iptables -A INPUT -s %IP% -j LOG", "target is 'LOG'")]
    [InlineData("iptables -A INPUT --source=%IP% -p tcp --dport 22 -j ACCEPT", "'--source=%IP%' is an option")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport=22 -j ACCEPT", "'--dport=22' is an option")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT", "--ctstate NEW,ESTABLISHED")]
    [InlineData("iptables -A INPUT -s %IP%/24 -j ACCEPT", "not exactly %IP%")]
    [InlineData("iptables -A INPUT -p tcp --dport 22 -j ACCEPT", "no %IP%")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp -j ACCEPT", "every tcp port")]
    [InlineData("/usr/sbin/iptables -A INPUT -s %IP% -p tcp --syn -j ACCEPT", "'--syn'")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport ssh -j ACCEPT", "named services")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 1000:2000 -j ACCEPT", "more than 64 ports")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp -m multiport --dports 22 -m limit --limit 1/s -j ACCEPT", "'-m limit'")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT; iptables -A INPUT -s %IP% -p udp --dport 53 -j ACCEPT", "operator ';'")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport $PORT -j ACCEPT", "expansion '$'")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT # ssh", "comment")]
    [InlineData("ip6tables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "IPv4")]
    [InlineData("/tmp/iptables -A INPUT -s %IP% -j ACCEPT", "system directory")]
    [InlineData("ufw allow from %IP% to any app OpenSSH", "application profile 'OpenSSH'")]
    [InlineData("ufw allow in on lo from %IP%", "interface 'lo'")]
    [InlineData("ufw allow from %IP% to 127.0.0.1 port 22", "destination '127.0.0.1'")]
    [InlineData("ufw allow from %IP% port 22", "source port")]
    [InlineData("ufw limit from %IP% to any port 22", "not 'ufw allow'")]
    [InlineData("ufw insert 1 allow from %IP% to any port 22 proto tcp", "not 'ufw allow'")]
    [InlineData("iptables -I INPUT 5 -s %IP% -p tcp --dport 22 -j ACCEPT", "position 5")]
    [InlineData("nft insert rule inet filter input position 3 ip saddr %IP% accept", "by position")]
    [InlineData("ufw allow from %IP% to any port 22 proto tcp comment", "'comment' is ufw syntax")]
    [InlineData("ufw allow from %IP% to any port 22,80", "only with a proto")]
    [InlineData("firewall-cmd --zone=public --add-rich-rule='rule family=ipv4 source address=%IP% port port=22 protocol=tcp accept'", "--zone")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=ipv4 source address=%IP% service name=ssh accept'", "firewalld service")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=ipv4 source not address=%IP% accept'", "negation ('not')")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=ipv4 source address=%IP% destination address=127.0.0.1 accept'", "destination")]
    [InlineData("firewall-cmd --add-rich-rule='rule source address=%IP% accept'", "family=ipv4")]
    [InlineData("firewall-cmd --timeout=60 --add-rich-rule='rule family=ipv4 source address=%IP% accept'", "--timeout")]
    [InlineData("nft add rule inet filter input ip saddr %IP% tcp sport 22 accept", "source port")]
    [InlineData("nft add rule inet filter input iifname lo ip saddr %IP% accept", "interface")]
    [InlineData("nft add rule inet filter input ip saddr %IP% ip daddr 127.0.0.1 accept", "destination")]
    [InlineData("nft add rule inet filter input ip saddr != %IP% accept", "negation")]
    [InlineData("nft add rule inet filter input ip saddr %IP% tcp dport != 22 accept", "negation")]
    [InlineData("nft add rule inet filter forward ip saddr %IP% accept", "chain 'forward'")]
    [InlineData("nft add rule ip6 filter input ip6 saddr %IP% accept", "family is ip6")]
    [InlineData("nft add rule inet filter input ip saddr %IP% tcp dport 22 drop", "'drop'")]
    [InlineData("nft add element inet filter allowed { %IP% }", "not 'nft add rule'")]
    [InlineData("/usr/local/sbin/knock_add -i -c INPUT -p tcp -d 443 -f %IP%", "not iptables, nft, ufw or firewall-cmd")]
    [InlineData("/usr/sbin/iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "removes a rule")]
    public void Import_CommandNotReadExactly_BecomesAShellHookAndOpensNothing(string command, string reason)
    {
        (Door door, KnockdImport import) = Imported.Door(command, "/usr/local/bin/forget %IP%");

        Assert.True(door.OpensNothing);
        Assert.Empty(door.Open);
        Assert.Equal(new DoorHooks(command, "/usr/local/bin/forget %IP%", TimeSpan.FromSeconds(30)) { Shell = true }, door.Hooks);
        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Location.Line == 3 && d.Message.Contains(reason, StringComparison.Ordinal) && d.Message.Contains("hook", StringComparison.Ordinal));
        SimulationOpens(door, [new OpenPort(22, IpProtocols.Tcp), new OpenPort(53, IpProtocols.Udp), new OpenPort(443, IpProtocols.Tcp)], all: false);
    }

    [Theory]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT")]
    [InlineData("iptables -I INPUT 1 -s %IP% -p tcp -m multiport --dports 80,22 -j ACCEPT", "iptables --delete INPUT --source %IP% -p tcp -m multiport --dports 80,22 -j ACCEPT")]
    [InlineData("ufw allow from %IP% to any port 22 proto tcp", "ufw delete allow from %IP% to any port 22 proto tcp")]
    [InlineData("firewall-cmd --add-rich-rule='rule family=ipv4 source address=%IP% accept'", "firewall-cmd --remove-rich-rule='rule family=ipv4 source address=%IP% accept'")]
    public void Import_StopTakesBackTheStart_OpensForCmdTimeoutWithoutHook(string start, string stop)
    {
        (Door door, _) = Imported.Door(start, stop);

        Assert.Equal(TimeSpan.FromSeconds(30), door.OpenFor);
        Assert.Null(door.Hooks);
    }

    [Theory]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "iptables -D INPUT -s %IP% -p tcp --dport 2222 -j ACCEPT")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "ufw delete allow from %IP% to any port 22 proto tcp")]
    [InlineData("nft add rule inet filter input ip saddr %IP% tcp dport 22 accept", "nft delete rule inet filter input handle 7")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", "iptables -D INPUT 1")]
    [InlineData("iptables -A INPUT -s %IP% -p tcp -m multiport --dports 80,22 -j ACCEPT", "iptables -D INPUT -s %IP% -p tcp -m multiport --dports 22,80 -j ACCEPT")]
    public void Import_StopIsSomethingElse_ClosesAfterCmdTimeoutAndRunsTheStopAsAHook(string start, string stop)
    {
        (Door door, KnockdImport import) = Imported.Door(start, stop);

        Assert.Equal(TimeSpan.FromSeconds(30), door.OpenFor);
        Assert.Equal(new DoorHooks(null, stop, TimeSpan.FromSeconds(30)) { Shell = true }, door.Hooks);
        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Location.Line == 5);
    }

    [Theory]
    [InlineData("command = iptables -A INPUT -s '%IP% -j ACCEPT", "' quote", 32)]
    [InlineData("  command=iptables -A INPUT -s \"%IP%\" -p tcp --dport \"22 -j ACCEPT", "\" quote", 54)]
    [InlineData("command = iptables -A INPUT -s %IP% -j ACCEPT \\", "lone", 47)]
    [InlineData("stop_command = ufw delete allow from '%IP%", "' quote", 38)]
    public void Import_UnclosedQuote_IsAnErrorAtTheQuote(string line, string message, int column)
    {
        KnockdImport import = KnockdImporter.Import($"[door]\nsequence = 1000,2000\n{line}\n", "knockd.conf");

        Diagnostic error = Assert.Single(import.Diagnostics, d => d.IsError);
        Assert.Equal(("SES0680", 3, column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(import.Diagnostics, d => d.Location.Line == 3 && !d.IsError);
    }

    /// <summary>After the whole sequence, the listed ports are accepted from the knocker only when the door opens them, and never from another address.</summary>
    private static void SimulationOpens(Door door, IReadOnlyList<OpenPort> probes, bool all)
    {
        KnockdImport import = new(new DoorProfile { Doors = [door] }, []);
        FirewallConfig config = Imported.ReadBack(import).Config;
        var trace = new System.Text.StringBuilder("0 203.0.113.7 tcp 1000\n1 203.0.113.7 tcp 2000\n");
        foreach (OpenPort p in probes)
        {
            trace.Append($"2 203.0.113.7 {IpProtocols.ToName(p.Protocol)} {p.Port}\n2 198.51.100.1 {IpProtocols.ToName(p.Protocol)} {p.Port}\n");
        }

        var run = Run.Trace(config, trace.ToString());
        for (int i = 0; i < probes.Count; i++)
        {
            bool opened = !door.OpensNothing && (all || door.Open.Contains(probes[i]));
            Assert.Equal(opened ? Verdict.Accept : Verdict.Drop, run.Packets[2 + (2 * i)].Result.Verdict);
            Assert.Equal(Verdict.Drop, run.Packets[3 + (2 * i)].Result.Verdict);
        }
    }
}
