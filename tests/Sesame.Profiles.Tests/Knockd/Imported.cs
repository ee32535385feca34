using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Profiles;

namespace Sesame.Tests.Knockd;

/// <summary>
/// Imports a knockd.conf as <c>sesame import knockd</c> does and proves the written YAML is a usable profile: it reads
/// back without errors to the same profile, and the config checker finds no errors in what it compiles to.
/// </summary>
internal static class Imported
{
    public static KnockdImport Import(string text)
    {
        KnockdImport import = KnockdImporter.Import(text, "knockd.conf");
        Assert.False(import.HasErrors, string.Join("\n", import.Diagnostics));
        ReadBack(import);
        return import;
    }

    public static ProfileResult ReadBack(KnockdImport import)
    {
        string yaml = ProfileWriter.Write(import.Profile, "imported from knockd.conf");
        ProfileResult read = ProfileReader.Read(yaml, "imported.yaml");
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics) + "\n" + yaml);
        Assert.Equal(Normal(import.Profile), Normal(read.Profile));
        Assert.DoesNotContain(ConfigChecker.Check(read.Config), d => d.IsError);
        return read;
    }

    /// <summary>The one door of a <c>[door]</c> section knocked with 1000, 2000 that runs <paramref name="start"/> (and <paramref name="stop"/> after 30 s).</summary>
    public static (Door Door, KnockdImport Import) Door(string start, string? stop = null)
    {
        KnockdImport import = Import($"[door]\nsequence = 1000,2000\ncommand = {start}\n" + (stop is null ? "" : $"cmd_timeout = 30\nstop_command = {stop}\n"));
        return (Assert.Single(import.Profile.Doors), import);
    }

    /// <summary>The profile without source locations (a profile read from text has them, an imported one does not).</summary>
    private static DoorProfile Normal(DoorProfile profile) => profile with
    {
        Doors = [.. profile.Doors.Select(d => d with
        {
            Location = SourceLocation.None,
            Knocks = [.. d.Knocks.Select(k => k with { Location = SourceLocation.None })],
        })],
        Blacklist = profile.Blacklist is { } b ? b with { Location = SourceLocation.None } : null,
        RouterLocation = SourceLocation.None,
    };
}
