using Sesame.Diagnostics;
using Sesame.Profiles;

namespace Sesame.Tests.Knockd;

/// <summary>Hostile strings in a knockd.conf are refused at their line or come out of the written YAML exactly as they went in.</summary>
public sealed class KnockdHostileInputTests
{
    [Theory]
    [InlineData("/usr/local/bin/notify \"%IP%: # it's {open}\" 'a: b' \\\"x\\\"")]
    [InlineData("echo '%IP%' >> /var/log/knock.log # note: done")]
    [InlineData("printf '%s\\n' \"%IP%\" | logger -t knock; }{ ] [ - ? ! & * @ ` ~ %")]
    [InlineData("--- ... - ? : !!str &a *a |- >+ %YAML 1.2 %IP%")]
    [InlineData("notify %IP% naïve 日本 🚪 \u00a0 \\ \\\\ '\\' \"\\\"\"")]
    [InlineData("  'quoted at both ends'  ")]
    public void Import_HookWithYamlAndShellSyntax_RoundTripsExactly(string command)
    {
        KnockdImport import = Imported.Import($"[door]\nsequence = 1000\nstart_command = {command}\nstop_command = {command}\n");

        DoorHooks hooks = Assert.Single(Imported.ReadBack(import).Profile.Doors).Hooks!;
        Assert.Equal(command.Trim(), hooks.Start);
        Assert.Equal(command.Trim(), hooks.Stop);
        Assert.True(hooks.Shell);
    }

    [Fact]
    public void Import_LongestLine_RoundTripsExactly()
    {
        string command = "notify %IP% " + new string('"', 1000) + new string('#', 1000) + new string(':', 1000) + new string('\\', KnockdFile.MaxLineLength - 8 - 12 - 3000);
        string line = "command=" + command;
        Assert.Equal(KnockdFile.MaxLineLength, line.Length);

        KnockdImport import = Imported.Import($"[door]\nsequence = 1000\n{line}\n");

        Assert.Equal(command, Assert.Single(Imported.ReadBack(import).Profile.Doors).Hooks!.Start);
    }

    [Theory]
    [InlineData("\0", 22)]
    [InlineData("\u001b[2J", 22)]
    [InlineData("\rdoors: []", 22)]
    [InlineData("\u0085", 22)]
    [InlineData("\u2028", 22)]
    [InlineData("\u007f", 22)]
    public void Import_ControlCharacter_IsRefusedAtItsLineAndColumn(string hostile, int column)
    {
        KnockdImport import = KnockdImporter.Import($"[door]\nsequence = 1000\ncommand = notify %IP%{hostile} x\n", "knockd.conf");

        Diagnostic error = Assert.Single(import.Diagnostics, d => d.IsError);
        Assert.Equal(("SES0680", 3, column), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Import_MegabyteLine_IsRefusedAtItsLine()
    {
        KnockdImport import = KnockdImporter.Import($"[door]\nsequence = 1000\ncommand = notify {new string('a', 1 << 20)}\n", "knockd.conf");

        Diagnostic error = Assert.Single(import.Diagnostics, d => d.IsError);
        Assert.Equal(("SES0680", 3), (error.Code, error.Location.Line));
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_FileOverAMegabyte_IsRefusedAtTheLineWhereItPassesTheLimit()
    {
        string line = "# " + new string('x', 1000) + "\n";
        string text = "[door]\nsequence = 1000\n" + string.Concat(Enumerable.Repeat(line, 1100));

        KnockdImport import = KnockdImporter.Import(text, "knockd.conf");

        Diagnostic error = Assert.Single(import.Diagnostics, d => d.IsError);
        Assert.Equal("SES0680", error.Code);
        Assert.Equal(2 + ((KnockdFile.MaxLength + 1 - 23) / line.Length) + 1, error.Location.Line);
    }

    [Fact]
    public void Import_TooManySections_IsRefusedAtTheFirstOneOver()
    {
        string text = string.Concat(Enumerable.Range(1, KnockdFile.MaxSections + 1).Select(i => $"[d{i}]\nsequence = {i}\n"));

        KnockdImport import = KnockdImporter.Import(text, "knockd.conf");

        Diagnostic error = Assert.Single(import.Diagnostics, d => d.IsError);
        Assert.Equal(("SES0680", (2 * KnockdFile.MaxSections) + 1), (error.Code, error.Location.Line));
    }

    [Fact]
    public void Import_MaxSections_AllBecomeDoors()
    {
        string text = string.Concat(Enumerable.Range(1, KnockdFile.MaxSections).Select(i => $"[d{i}]\nsequence = {i}\n"));

        Assert.Equal(KnockdFile.MaxSections, Imported.Import(text).Profile.Doors.Count);
    }

    [Theory]
    [InlineData("[ssh]", "[ssh]", "ssh")]
    [InlineData("[open ssh]", "[open-ssh]", "open-ssh")]
    [InlineData("[open:ssh]", "[open#ssh]", "open-ssh")]
    [InlineData("[]", "[door]", "door")]
    public void Import_TwoSectionsOneDoorName_IsAnErrorAtTheSecond(string first, string second, string name)
    {
        KnockdImport import = KnockdImporter.Import($"{first}\nsequence = 1000\n{second}\nsequence = 2000\n", "knockd.conf");

        Diagnostic error = Assert.Single(import.Diagnostics, d => d.IsError);
        Assert.Equal(("SES0682", 3), (error.Code, error.Location.Line));
        Assert.Contains($"door '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SectionNameWithYamlSyntax_BecomesASafeDoorName()
    {
        Door door = Assert.Single(Imported.Import("[a: b # \"c\" {d} 'e']\nsequence = 1000\n").Profile.Doors);

        Assert.Equal("a--b----c---d---e-", door.Name);
    }

    [Theory]
    [InlineData("[-]", "-")]
    [InlineData("[!]", "-")]
    [InlineData("[--- ]", "---")]
    [InlineData("[7]", "7")]
    [InlineData("[.]", "-")]
    public void Import_SectionNameThatIsYamlSyntaxAlone_RoundTrips(string section, string name)
    {
        Door door = Assert.Single(Imported.Import($"{section}\nsequence = 1000\n").Profile.Doors);

        Assert.Equal(name, door.Name);
    }

    [Fact]
    public void Import_LongSectionName_IsAnError()
    {
        KnockdImport import = KnockdImporter.Import($"[{new string('s', KnockdFile.MaxNameLength + 1)}]\nsequence = 1000\n", "knockd.conf");

        Assert.Equal(("SES0682", 1), Assert.Single(import.Diagnostics, d => d.IsError) is var e ? (e.Code, e.Location.Line) : default);
    }

    [Theory]
    [InlineData("eth0: x")]
    [InlineData("eth 0")]
    [InlineData("a/b")]
    [InlineData("sixteen-chars-xx")]
    [InlineData("..")]
    public void Import_InterfaceThatIsNotAnInterfaceName_IsAnError(string name)
    {
        KnockdImport import = KnockdImporter.Import($"[options]\ninterface = {name}\n[door]\nsequence = 1000\n", "knockd.conf");

        Assert.Equal(("SES0682", 2), Assert.Single(import.Diagnostics, d => d.IsError) is var e ? (e.Code, e.Location.Line) : default);
    }

    [Theory]
    [InlineData("eth#0")]
    [InlineData("\"wan\"")]
    [InlineData("{x}")]
    [InlineData("0")]
    [InlineData("null")]
    public void Import_InterfaceWithYamlSyntax_RoundTripsExactly(string name)
    {
        KnockdImport import = Imported.Import($"[options]\ninterface = {name}\n[door]\nsequence = 1000\n");

        Assert.Equal([name], Imported.ReadBack(import).Profile.Outside);
    }

    [Theory]
    [InlineData("knockd.conf\ndoors: []")]
    [InlineData("knockd.conf\rdoors: []")]
    [InlineData("knockd.conf\u2028doors: []")]
    [InlineData("knockd.conf\u0085doors: []")]
    public void Write_HeaderWithLineBreaks_StaysAComment(string header)
    {
        KnockdImport import = Imported.Import("[door]\nsequence = 1000\n");

        ProfileResult read = ProfileReader.Read(ProfileWriter.Write(import.Profile, header), "imported.yaml");

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        Assert.Single(read.Profile.Doors);
    }
}
