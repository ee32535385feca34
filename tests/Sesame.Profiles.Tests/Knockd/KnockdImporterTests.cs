using Sesame.Engine;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Tests.Knockd;

public sealed class KnockdImporterTests
{
    /// <summary>Debian's knockd.conf as the package installs it.</summary>
    private const string Debian = """
        [options]
        	UseSyslog

        [openSSH]
        	sequence    = 7000,8000,9000
        	seq_timeout = 5
        	command     = /sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT
        	tcpflags    = syn

        [closeSSH]
        	sequence    = 9000,8000,7000
        	seq_timeout = 5
        	command     = /sbin/iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT
        	tcpflags    = syn
        """;

    /// <summary>The man page's second example: mixed protocols, a start and a stop command.</summary>
    private const string StartStop = """
        [options]
        	logfile = /var/log/knockd.log
        	Interface = eth0

        [opencloseSSH]
        	sequence      = 2222:udp,3333:tcp,4444:udp
        	seq_timeout   = 15
        	tcpflags      = syn,ack
        	start_command = /usr/sbin/iptables -A INPUT -s %IP% -p tcp --syn -j ACCEPT
        	cmd_timeout   = 5
        	stop_command  = /usr/sbin/iptables -D INPUT -s %IP% -p tcp --syn -j ACCEPT
        """;

    private static KnockdImport Import(string text) => Imported.Import(text);

    private static FirewallConfig Compile(KnockdImport import) => Imported.ReadBack(import).Config;

    [Fact]
    public void Import_Debian_OpensSshAndKeepsTheClosingCommandAsAHook()
    {
        KnockdImport import = Import(Debian);

        Door open = import.Profile.Doors[0];
        Assert.Equal("openSSH", open.Name);
        Assert.Equal(["7000", "8000", "9000"], open.Knocks.Select(k => k.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(5), open.SequenceTime);
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp)], open.Open);
        Assert.Equal(new TcpFlagsMatch(TcpFlags.Syn, TcpFlags.None), open.TcpFlags);
        Door close = import.Profile.Doors[1];
        Assert.True(close.OpensNothing);
        Assert.Equal("/sbin/iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", close.Hooks?.Start);
        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Message.Contains("UseSyslog", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0, 1.0, 2.0, true)]
    [InlineData(0.0, 2.4, 4.8, true)]
    [InlineData(0.0, 2.0, 6.0, false)]
    [InlineData(0.0, 4.0, 5.5, false)]
    public void Import_Debian_OpensOnlyWithinSeqTimeout(double first, double second, double third, bool opens)
    {
        var run = Run.Trace(Compile(Import(Debian)), $"""
            {first}  203.0.113.7 tcp 7000
            {second} 203.0.113.7 tcp 8000
            {third}  203.0.113.7 tcp 9000
            10       203.0.113.7 tcp 22
            11       198.51.100.1 tcp 22
            """);

        Assert.Equal(opens ? Verdict.Accept : Verdict.Drop, run.Packets[3].Result.Verdict);
        Assert.Equal(Verdict.Drop, run.Packets[4].Result.Verdict);
    }

    [Fact]
    public void Import_Debian_WrongOrderOrMissingSynStaysClosed()
    {
        var run = Run.Trace(Compile(Import(Debian)), """
            0  203.0.113.7 tcp 8000
            1  203.0.113.7 tcp 7000
            2  203.0.113.7 tcp 9000
            3  203.0.113.7 tcp 22
            4  198.51.100.1 tcp 7000 flags=ack
            5  198.51.100.1 tcp 8000 flags=ack
            6  198.51.100.1 tcp 9000 flags=ack
            7  198.51.100.1 tcp 22
            """);

        Assert.Equal(Verdict.Drop, run.Packets[3].Result.Verdict);
        Assert.Equal(Verdict.Drop, run.Packets[7].Result.Verdict);
    }

    [Fact]
    public void Import_ManPageStartStop_BecomesAHookAndOpensNothingByItself()
    {
        KnockdImport import = Import(StartStop);

        Door door = Assert.Single(import.Profile.Doors);
        Assert.Equal(["2222/udp", "3333", "4444/udp"], door.Knocks.Select(k => k.ToString()));
        Assert.True(door.OpensNothing);
        Assert.Equal(
            new DoorHooks("/usr/sbin/iptables -A INPUT -s %IP% -p tcp --syn -j ACCEPT", "/usr/sbin/iptables -D INPUT -s %IP% -p tcp --syn -j ACCEPT", TimeSpan.FromSeconds(5)) { Shell = true },
            door.Hooks);
        Assert.Equal(TimeSpan.FromSeconds(15), door.SequenceTime);
        Assert.Equal(["eth0"], import.Profile.Outside);
        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Message.Contains("established", StringComparison.Ordinal));
        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Location.Line == 9 && d.Message.Contains("'--syn'", StringComparison.Ordinal));
        var run = Run.Trace(Compile(import with { Profile = import.Profile with { AcceptEstablished = false } }), """
            0   203.0.113.7 udp 2222
            1   203.0.113.7 tcp 3333 flags=syn,ack
            2   203.0.113.7 udp 4444
            3   203.0.113.7 tcp 22
            3   203.0.113.7 udp 53
            """);
        Assert.True(Run.Admitted(run, "opencloseSSH-secured", "203.0.113.7"));
        Assert.Equal(Verdict.Drop, run.Packets[3].Result.Verdict);
        Assert.Equal(Verdict.Drop, run.Packets[4].Result.Verdict);
    }

    [Fact]
    public void Import_OtherCommand_BecomesAHookAndAWarning()
    {
        KnockdImport import = Import("[mail]\nsequence = 1000,2000\nstart_command = /usr/local/bin/notify %IP%\ncmd_timeout = 20\nstop_command = /usr/local/bin/forget %IP%\n");

        Door door = Assert.Single(import.Profile.Doors);
        Assert.True(door.OpensNothing);
        Assert.Equal(new DoorHooks("/usr/local/bin/notify %IP%", "/usr/local/bin/forget %IP%", TimeSpan.FromSeconds(20)) { Shell = true }, door.Hooks);
        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Message.Contains("hook", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_OneTimeSequences_IsNamedInAWarningAndLeftOut()
    {
        KnockdImport import = KnockdImporter.Import("""
            [opencloseSMTP]
            	one_time_sequences = /etc/knockd/smtp_sequences
            	seq_timeout = 15
            	tcpflags    = fin,!ack
            	start_command = /usr/sbin/iptables -A INPUT -s %IP% -p tcp --dport 25 -j ACCEPT
            [web]
            	sequence = 5000
            	command = /usr/sbin/iptables -A INPUT -s %IP% -p tcp --dport 443 -j ACCEPT
            """, "knockd.conf");

        Assert.Contains(import.Diagnostics, d => d.Code == "SES0681" && d.Message.Contains("one_time_sequences", StringComparison.Ordinal) && d.Location.Line == 2);
        Assert.Equal(["web"], import.Profile.Doors.Select(d => d.Name));
    }

    [Theory]
    [InlineData("[d]\nsequence = 70000\n", "SES0682")]
    [InlineData("[d]\nsequence = 1000:icmp\n", "SES0682")]
    [InlineData("[d]\nsequence = 1000\nseq_timeout = soon\n", "SES0682")]
    [InlineData("sequence = 1000\n", "SES0680")]
    public void Import_BadValue_IsAnError(string text, string code)
    {
        KnockdImport import = KnockdImporter.Import(text, "knockd.conf");

        Assert.True(import.HasErrors);
        Assert.Contains(import.Diagnostics, d => d.Code == code);
    }
}
