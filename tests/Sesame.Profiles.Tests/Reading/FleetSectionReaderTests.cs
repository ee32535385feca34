using Sesame.Diagnostics;
using Sesame.Profiles;

namespace Sesame.Tests.Reading;

/// <summary>A profile's <c>fleet:</c> section: every value, and every mistake at its line and column.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetSectionReaderTests : IDisposable
{
    /// <summary>The door's lists: ssh-knock1, ssh-secured, and the blacklist's 'blacklist'. The fleet section starts on line 9.</summary>
    private const string Doors = """
        interfaces:
          outside: [ether1]
        doors:
          - name: ssh
            knocks: [7000, 8000]
            open: [22]
        blacklist:
          scan: {ports: [23]}

        """;

    private readonly KeyDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ProfileResult Read(string fleet) => ProfileReader.Read(Doors + fleet, _dir.Combine("door.yaml"));

    private string[] Found(string fleet) =>
        [.. Read(fleet).Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}")];

    private static string Quote(string text) => text.Length == 0 ? "\"\"" : YamlScalar.Quoted(text);

    [Fact]
    public void Read_FleetSection_CarriesEveryValue()
    {
        _dir.Write("fleet.pass", "secret\n");

        ProfileResult result = Read("""
            fleet:
              connection: Host=db.example.net;Username=sesame_node;Database=sesame;SSL Mode=VerifyFull
              password-file: fleet.pass
              node: web-1.example
              share: [ssh-knock1]
              local: [blacklist]
            """);

        Assert.Empty(result.Diagnostics);
        FleetSection fleet = result.Profile.Fleet!;
        Assert.Equal("Host=db.example.net;Username=sesame_node;Database=sesame;SSL Mode=VerifyFull", fleet.Connection);
        Assert.Equal(_dir.Combine("fleet.pass"), fleet.PasswordFile);
        Assert.Equal("web-1.example", fleet.Node);
        Assert.Equal(["ssh-knock1"], fleet.Share.Select(l => l.Name));
        Assert.Equal(new SourceLocation(_dir.Combine("door.yaml"), 13, 11), fleet.Share[0].Location);
        Assert.Equal(["blacklist"], fleet.Local.Select(l => l.Name));
        Assert.NotEmpty(result.Config.Ipv4Filter);
    }

    [Fact]
    public void Read_FleetSectionWithListsOnly_LeavesTheRestToTheCommandLine()
    {
        ProfileResult result = Read("fleet:\n  share: ssh-knock1\n");

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Profile.Fleet!.Connection);
        Assert.Null(result.Profile.Fleet.Node);
        Assert.Null(result.Profile.Fleet.PasswordFile);
        Assert.Equal(["ssh-knock1"], result.Profile.Fleet.Share.Select(l => l.Name));
    }

    [Fact]
    public void Read_NoFleetSection_HasNone()
    {
        Assert.Null(Read("").Profile.Fleet);
    }

    [Theory]
    [InlineData("Host=db;Username=n;Password=hunter2")]
    [InlineData("Host=db; PWD = hunter2")]
    [InlineData("host=db;psw=hunter2")]
    [InlineData("postgres://node:hunter2@db/sesame")]
    [InlineData("postgresql://node@db/sesame?sslmode=require&password=hunter2")]
    public void Read_ConnectionWithPassword_IsRefusedWithoutRepeatingIt(string connection)
    {
        ProfileResult result = Read($"fleet:\n  connection: {Quote(connection)}\n");

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal("SES0617@10:15", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("password-file:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(result.Config.Ipv4Filter);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("pwd")]
    public void Read_PasswordKey_IsRefusedAsAnInlinePasswordNotAnUnknownKey(string key)
    {
        ProfileResult result = Read($"fleet:\n  connection: Host=db\n  {key}: hunter2\n");

        Assert.Equal(["SES0617@11:3"], result.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}"));
        Assert.DoesNotContain("hunter2", result.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fleet:\n  pasword-file: x\n", "SES0602@10:3")]
    [InlineData("fleet:\n  connection: Host=db\n  nodes: a\n", "SES0602@11:3")]
    [InlineData("fleet: Host=db\n", "SES0603@9:8")]
    [InlineData("fleet:\n  node: [a, b]\n", "SES0603@10:9")]
    [InlineData("fleet:\n  connection: {host: db}\n", "SES0603@10:15")]
    [InlineData("fleet:\n  share: [{name: ssh-secured}]\n", "SES0603@10:11")]
    [InlineData("fleet:\n  connection: \"\"\n", "SES0610@10:15")]
    [InlineData("fleet:\n  connection: \"Host=db\\nUsername=x\"\n", "SES0610@10:15")]
    [InlineData("fleet:\n  share: [ssh-secured, ssh-secured]\n", "SES0609@10:24")]
    public void Read_FleetMistake_IsReportedWhereItIs(string fleet, string expected)
    {
        ProfileResult result = Read(fleet);

        Assert.Contains(expected, result.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}"));
        Assert.True(result.HasErrors);
        Assert.Empty(result.Config.Ipv4Filter);
    }

    [Fact]
    public void Read_MisspeltFleetKey_SuggestsTheKnownOne()
    {
        Diagnostic error = Assert.Single(Read("fleet:\n  pasword-file: x\n").Diagnostics);

        Assert.Contains("did you mean 'password-file'?", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileNames => new()
    {
        "a\nb", "web;rm -rf /", "web'1", "web\"1", "web\01", "\u001b[2Jweb", "web}#", "web 1", "", new string('a', 64), new string('a', 1_000_000),
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Read_HostileNodeName_IsRefusedEscapedAndShort(string name)
    {
        ProfileResult result = Read($"fleet:\n  node: {Quote(name)}\n");

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal("SES0610@10:9", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("1 to 63 characters of A-Z a-z 0-9 . _ -", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.ToString());
        Assert.DoesNotContain('\n', error.ToString());
        Assert.True(error.ToString().Length < 600, $"{error.ToString().Length} characters");
        Assert.Null(result.Profile.Fleet!.Node);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("\u001b]0;owned\u0007")]
    [InlineData("a\0b")]
    [InlineData("")]
    public void Read_HostileListName_IsRefusedEscaped(string name)
    {
        ProfileResult result = Read($"fleet:\n  local: [{Quote(name)}]\n");

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal("SES0610@10:11", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.DoesNotContain('\u001b', error.ToString());
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Fact]
    public void Read_MegabyteListName_IsRefusedWithoutRepeatingIt()
    {
        ProfileResult result = Read($"fleet:\n  share: [{new string('x', 1_000_000)}]\n");

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal(ProfileCodes.BadValue, error.Code);
        Assert.True(error.ToString().Length < 600, $"{error.ToString().Length} characters");
    }

    [Fact]
    public void Read_ListTheProfileDoesNotHave_IsAnErrorAtItsPlaceWithTheKnownLists()
    {
        ProfileResult result = Read("fleet:\n  share: [ssh-knock1]\n  local: [blacklst, 'ssh;secured']\n");

        Assert.Equal(["SES0618@11:11", "SES0618@11:21"], result.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}"));
        Assert.Contains("did you mean 'blacklist'?", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("its lists: blacklist, ssh-knock1, ssh-secured", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Empty(result.Config.Ipv4Filter);
    }

    [Fact]
    public void Read_ListBothSharedAndLocal_IsAnError()
    {
        ProfileResult result = Read("fleet:\n  share: [ssh-knock1]\n  local: [ssh-knock1]\n");

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal("SES0618@11:11", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("both in fleet.share and fleet.local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PasswordFileReadableByOthers_IsAnError()
    {
        _dir.Write("fleet.pass", "secret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Diagnostic error = Assert.Single(Read("fleet:\n  password-file: fleet.pass\n").Diagnostics);

        Assert.Equal("SES0619@10:18", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("gives its group or others access (mode 0604)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PasswordFileThatIsNoFile_IsAnErrorThatDoesNotRepeatTheValue()
    {
        Diagnostic error = Assert.Single(Read("fleet:\n  password-file: hunter2\n").Diagnostics);

        Assert.Equal("SES0619@10:18", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PasswordFileTheGroupMayRead_IsAnError()
    {
        _dir.Write("fleet.pass", "secret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Diagnostic error = Assert.Single(Read("fleet:\n  password-file: fleet.pass\n").Diagnostics);

        Assert.Contains("(mode 0640)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PasswordFileOfItsOwnerOnly_IsAccepted()
    {
        _dir.Write("fleet.pass", "secret\n", UnixFileMode.UserRead);

        Assert.Empty(Read("fleet:\n  password-file: fleet.pass\n").Diagnostics);
    }

    [Fact]
    public void LooksLikeProfile_FleetFirst_IsAProfile()
    {
        Assert.True(ProfileReader.LooksLikeProfile("# door\nfleet:\n  node: a\ndoors: []\n"));
    }
}
