using Sesame.Linux.Daemon;

namespace Sesame.Tests.Daemon;

public sealed class ApplyJournalTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void WriteReadClear_TheCopyHoldsThePreviousText_AndTheRecordIsForThatConfigPathOnly()
    {
        using var state = new TempDirectory();
        string text = "/ip firewall filter\nadd chain=input action=accept comment=\"é \u001b\"\n";

        ApplyJournal.Write(state.Path, "/etc/sesame/sesame.rsc", "/etc/sesame/sesame.rsc", text, "/root/new.rsc");
        ApplyJournal.Pending? pending = ApplyJournal.Read(state.Path, "/etc/sesame/sesame.rsc");

        Assert.NotNull(pending);
        Assert.Equal(text, File.ReadAllText(pending.CopyPath));
        Assert.EndsWith(".rsc", pending.CopyPath, StringComparison.Ordinal);
        Assert.Equal("/root/new.rsc", pending.AppliedPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pending.CopyPath));
        Assert.Null(ApplyJournal.Read(state.Path, "/etc/sesame/other.rsc"));
        ApplyJournal.Clear(state.Path, "/etc/sesame/sesame.rsc");
        Assert.Null(ApplyJournal.Read(state.Path, "/etc/sesame/sesame.rsc"));
        Assert.Empty(Directory.GetFiles(state.Path));
    }

    [Fact]
    public void Write_ProfileKeepsItsExtension_SoTheCopyIsReadAsAProfile()
    {
        using var state = new TempDirectory();

        ApplyJournal.Write(state.Path, "/etc/sesame/doors.yaml", "/etc/sesame/doors.yml", "doors: []\n", "/etc/sesame/new.yaml");

        Assert.EndsWith(".yaml", ApplyJournal.Read(state.Path, "/etc/sesame/doors.yaml")!.CopyPath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"copy":"/nonexistent/copy.rsc","previous":"/a","applied":"/b"}""")]
    public void Read_DamagedRecord_ThrowsRatherThanServingTheFile(string marker)
    {
        using var state = new TempDirectory();
        ApplyJournal.Write(state.Path, "/etc/sesame/sesame.rsc", "/etc/sesame/sesame.rsc", "x", "/b");
        string path = Directory.GetFiles(state.Path, "apply-pending-*.json").Single();
        File.WriteAllText(path, marker);

        IOException e = Assert.Throws<IOException>(() => ApplyJournal.Read(state.Path, "/etc/sesame/sesame.rsc"));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
