using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.Spa;

namespace Sesame.Tests.Fwknop;

/// <summary>The imported profile works as printed from its directory: its key files are there, 0600, and read back to the same door.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FwknopKeyFilesTests : IDisposable
{
    private readonly KeyDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FwknopImport Import(FwknopImportOptions? options = null) =>
        FwknopImporter.Import(File.ReadAllText(RepoPaths.Combine("tests", "Sesame.Profiles.Tests", "Fwknop", "debian-access.conf")), "access.conf", options: options);

    [Fact]
    public void Write_ImportedProfile_KeyFilesAreOwnerOnlyAndHoldTheKeys()
    {
        FwknopImport import = Import();

        IReadOnlyList<Diagnostic> errors = FwknopKeyFiles.Write(import.Profile, _dir.Path);

        Assert.Empty(errors);
        string path = _dir.Combine("fwknop-stanza1.keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(import.Profile.Doors[0].Spa!.Users[0].Keys, SpaKeyFile.Read(path));
    }

    [Fact]
    public void Write_KeysDirectoryMissing_IsCreatedOwnerOnly()
    {
        FwknopImport import = Import(new FwknopImportOptions { KeysDirectory = "keys" });

        Assert.Empty(FwknopKeyFiles.Write(import.Profile, _dir.Path));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir.Combine("keys")));
        Assert.True(File.Exists(_dir.Combine("keys/fwknop-stanza1.keys")));
    }

    [Fact]
    public void Write_SameKeysAlreadyThere_IsFine()
    {
        FwknopImport import = Import();
        Assert.Empty(FwknopKeyFiles.Write(import.Profile, _dir.Path));

        Assert.Empty(FwknopKeyFiles.Write(import.Profile, _dir.Path));
    }

    [Fact]
    public void Write_OtherKeysAlreadyThere_IsAnErrorAndTheFileIsKept()
    {
        _dir.Add("fwknop-stanza1.keys");
        string before = File.ReadAllText(_dir.Combine("fwknop-stanza1.keys"));

        Diagnostic error = Assert.Single(FwknopKeyFiles.Write(Import().Profile, _dir.Path));

        Assert.Equal("SES0693", error.Code);
        Assert.Contains("other keys", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_dir.Combine("fwknop-stanza1.keys")));
    }

    [Fact]
    public void Write_ASymlinkWhereTheKeyFileGoes_IsNotWrittenThrough()
    {
        string target = _dir.Combine("elsewhere");
        File.CreateSymbolicLink(_dir.Combine("fwknop-stanza1.keys"), target);

        Diagnostic error = Assert.Single(FwknopKeyFiles.Write(Import().Profile, _dir.Path));

        Assert.Equal("SES0693", error.Code);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void RoundTrip_ImportedProfileReadBack_GivesTheSameSpaDoor()
    {
        string access = File.ReadAllText(RepoPaths.Combine("tests", "Sesame.Profiles.Tests", "Fwknop", "debian-access.conf"))
            + "\nSOURCE 192.0.2.0/24, 198.51.100.0/255.255.255.128\nKEY a passphrase\nHMAC_KEY_BASE64 pFBAHJDKTjsY/LZncxXTqxSSJelLLbUQ+Tu0xWEdrMrZ2ReuqLFjG+NjIjBIxissrwdxQd5BpNjKuLf6nOmHwg==\n"
            + "HMAC_DIGEST_TYPE sha384\nOPEN_PORTS tcp/22, udp/51820\nMAX_FW_TIMEOUT 900\nREQUIRE_SOURCE_ADDRESS Y\n";
        FwknopImport import = FwknopImporter.Import(access, "access.conf", "PCAP_FILTER udp port 40001;\nMAX_SPA_PACKET_AGE 90;\n", "fwknopd.conf",
            new FwknopImportOptions { KeysDirectory = "keys" });
        Assert.False(import.HasErrors, string.Join("\n", import.Diagnostics));
        Assert.Empty(FwknopKeyFiles.Write(import.Profile, _dir.Path));
        string yaml = ProfileWriter.Write(import.Profile, "imported");
        File.WriteAllText(_dir.Combine("door.yaml"), yaml);

        ProfileResult read = ProfileReader.Read(File.ReadAllText(_dir.Combine("door.yaml")), _dir.Combine("door.yaml"));

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        SpaDoor expected = WithoutLocations(ProfileCompiler.Compile(import.Profile).SpaDoors.Single());
        SpaDoor actual = WithoutLocations(read.Config.SpaDoors.Single());
        Assert.Equal(expected, actual);
        Assert.Equal((ushort)40001, actual.Port);
        Assert.Equal(2, actual.Users.Count);
        Assert.Equal(ProfileCompiler.Compile(import.Profile).Ipv4Filter.Select(r => r with { Location = SourceLocation.None }),
            read.Config.Ipv4Filter.Select(r => r with { Location = SourceLocation.None }));
    }

    private static SpaDoor WithoutLocations(SpaDoor door) =>
        door with { Location = SourceLocation.None, Users = [.. door.Users.Select(u => u with { Location = SourceLocation.None })] };
}
