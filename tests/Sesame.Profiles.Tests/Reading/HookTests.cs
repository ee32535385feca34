using Sesame.Profiles;

namespace Sesame.Tests.Reading;

/// <summary>A door's hooks: commands checked when the profile is read, a shell only when asked, a time limit.</summary>
public sealed class HookTests
{
    private const string Door = """
        doors:
          - name: admin
            knocks: [7000, 8000, 9000]
            hooks:

        """;

    [Fact]
    public void Read_Hooks_KeepsCommandsShellAndTimeLimit()
    {
        ProfileResult result = ProfileReader.Read(Door + "      start: /usr/local/bin/notify %IP%\n      stop: \"logger -t sesame %IP% | cat\"\n      stop_after: 10s\n      shell: true\n      time_limit: 3s\n", "p.yaml");

        Assert.Empty(result.Diagnostics);
        DoorHooks hooks = result.Profile.Doors[0].Hooks!;
        Assert.Equal(new DoorHooks("/usr/local/bin/notify %IP%", "logger -t sesame %IP% | cat", TimeSpan.FromSeconds(10)) { Shell = true, TimeLimit = TimeSpan.FromSeconds(3) }, hooks);
    }

    [Fact]
    public void Read_HooksWithoutTimeLimit_GetTheDefault()
    {
        ProfileResult result = ProfileReader.Read(Door + "      start: /bin/true\n", "p.yaml");

        Assert.Equal(DoorHooks.DefaultTimeLimit, result.Profile.Doors[0].Hooks!.TimeLimit);
        Assert.False(result.Profile.Doors[0].Hooks!.Shell);
    }

    [Fact]
    public void Read_CommandThatDoesNotSplitWithoutAShell_IsAnErrorWhereItIs()
    {
        ProfileResult result = ProfileReader.Read(Door + "      start: \"notify 'unclosed %IP%\"\n", "p.yaml");

        Assert.Equal(["SES0610@5:14"], result.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}"));
    }

    [Fact]
    public void Write_HooksWithShellAndLimit_ReadBackTheSame()
    {
        ProfileResult first = ProfileReader.Read(Door + "      start: \"a %IP% && b\"\n      shell: true\n      time_limit: 1m\n", "p.yaml");

        ProfileResult second = ProfileReader.Read(ProfileWriter.Write(first.Profile), "w.yaml");

        Assert.Equal(first.Profile.Doors[0].Hooks, second.Profile.Doors[0].Hooks);
    }

    [Fact]
    public void ImportKnockd_CommandUsingTheShell_KeepsIt()
    {
        KnockdImport import = KnockdImporter.Import("""
            [notify]
                sequence    = 7000,8000,9000
                seq_timeout = 5
                command     = /usr/bin/logger knock from %IP% | /usr/bin/mail -s knock root
            """, "knockd.conf");

        Assert.True(import.Profile.Doors[0].Hooks!.Shell);
    }
}
