using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.Profiles;
using Sesame.Spa;

namespace Sesame.Tests.Reading;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpaDoorReaderTests : IDisposable
{
    /// <summary>Line 10, column 17 holds the key file name; line 4, column 5 the door.</summary>
    private const string Door = """
        interfaces:
          outside: [ether1]
        doors:
          - name: ssh
            spa:
              port: 62201
              users:
                - name: alice
                  source: any
                  keys: alice.keys
            open: [22, 443, 51820/udp]
        """;

    private readonly KeyDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ProfileResult Read(string yaml) => ProfileReader.Read(yaml, _dir.Combine("door.yaml"));

    private static string Quote(string text) => text.Length == 0 ? "\"\"" : YamlScalar.Quoted(text);

    private string[] Found(string yaml) =>
        [.. Read(yaml).Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}")];

    [Fact]
    public void Read_SpaDoor_HasFwknopdDefaultsAndTheKeysOfTheKeyFile()
    {
        SpaKeys keys = _dir.Add("alice.keys");

        ProfileResult result = Read(Door);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Door door = Assert.Single(result.Profile.Doors);
        DoorSpa spa = Assert.IsType<DoorSpa>(door.Spa);
        Assert.Equal(62201, spa.Port);
        Assert.Equal(TimeSpan.FromSeconds(120), spa.Window);
        Assert.Equal(TimeSpan.FromSeconds(300), spa.MaxOpenFor);
        Assert.False(spa.AllowAddress);
        Assert.False(spa.RequireAddress);
        Assert.Equal(TimeSpan.FromSeconds(30), door.OpenFor);
        Assert.Empty(door.Knocks);
        DoorSpaUser user = Assert.Single(spa.Users);
        Assert.Equal("alice", user.Name);
        Assert.Equal("alice.keys", user.KeyFile);
        Assert.Equal(keys, user.Keys);
        Assert.Empty(user.Sources);
        Assert.Equal(new SourceLocation(_dir.Combine("door.yaml"), 8, 11), user.Location);
    }

    [Fact]
    public void Read_ExampleProfile_ReadsWithItsKeyFilesAndWarnsOnlyAboutServe()
    {
        _dir.Add("keys/alice.keys");
        _dir.Add("keys/bob.keys");
        string path = _dir.Combine("spa-door.yaml");
        File.Copy(RepoPaths.Combine("deploy", "examples", "spa-door.yaml"), path);

        ProfileResult result = ProfileReader.Read(File.ReadAllText(path), path);

        Assert.Equal(["SES0615"], result.Diagnostics.Select(d => d.Code));
        Assert.Equal(["alice", "bob"], result.Config.SpaDoors.Single().Users.Select(u => u.Name));
        Assert.Equal(2, result.Config.Ipv6Filter.Count(r => r.SrcAddressList?.Value.StartsWith("ssh-spa-", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Read_SpaDoor_WarnsThatOnlyServeOpensIt()
    {
        _dir.Add("alice.keys");

        Diagnostic warning = Assert.Single(Read(Door).Diagnostics);

        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("SES0615@4:5", $"{warning.Code}@{warning.Location.Line}:{warning.Location.Column}");
        Assert.Contains("sesame serve", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EverySetting_IsRead()
    {
        SpaKeys alice = _dir.Add("keys/alice.keys");
        SpaKeys bob = _dir.Add("keys/bob.keys");
        const string Yaml = """
            doors:
              - name: ssh
                spa:
                  port: 40000/udp
                  window: 30s
                  allow_address: true
                  require_address: yes
                  max_open_for: 1h
                  users:
                    - name: alice
                      source: [192.0.2.0/24, 2001:db8::/32, 198.51.100.7]
                      keys: keys/alice.keys
                      open: [22]
                      open_for: 10s
                      max_open_for: 2m
                    - name: bob
                      source: ANY
                      keys: keys/bob.keys
                open: [22, 443]
                open_for: 1m
                family: ipv6
                interface: ether1
            """;

        ProfileResult result = Read(Yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Door door = Assert.Single(result.Profile.Doors);
        DoorSpa spa = door.Spa!;
        Assert.Equal((40000, 30, true, true, 3600), (spa.Port, (int)spa.Window.TotalSeconds, spa.AllowAddress, spa.RequireAddress, (int)spa.MaxOpenFor.TotalSeconds));
        Assert.Equal((DoorFamily.Ipv6, "ether1", 60), (door.Family, door.Interface, (int)door.OpenFor.TotalSeconds));
        Assert.Equal(["192.0.2.0/24", "2001:db8::/32", "198.51.100.7"], spa.Users[0].Sources.Select(s => s.ToString()));
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp)], spa.Users[0].Open);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2)), (spa.Users[0].OpenFor, spa.Users[0].MaxOpenFor));
        Assert.Equal(alice, spa.Users[0].Keys);
        Assert.Equal(bob, spa.Users[1].Keys);
        Assert.Empty(spa.Users[1].Sources);
        Assert.Null(spa.Users[1].OpenFor);
    }

    [Fact]
    public void Read_RelativeKeyFile_IsRelativeToTheProfilesDirectoryNotTheCurrentOne()
    {
        SpaKeys keys = _dir.Add("keys/alice.keys");
        string profile = Path.Combine(_dir.Path, "profiles", "door.yaml");

        ProfileResult result = ProfileReader.Read(Door.Replace("keys: alice.keys", "keys: ../keys/alice.keys", StringComparison.Ordinal), profile);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(keys, result.Profile.Doors[0].Spa!.Users[0].Keys);
    }

    [Fact]
    public void Read_MissingKeyFile_IsAnErrorAtTheKeysValue()
    {
        ProfileResult result = Read(Door);

        Diagnostic error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("SES0613@10:17", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("no such key file", error.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.Combine("alice.keys"), error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Config.Ipv4Filter);
        Assert.Empty(result.Config.SpaDoors);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite)]
    public void Read_KeyFileOthersMayReadOrWrite_IsRefused(UnixFileMode mode)
    {
        _dir.Add("alice.keys", mode: mode);

        ProfileResult result = Read(Door);

        Diagnostic error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("SES0613@10:17", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("others", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Config.SpaDoors);
    }

    [Theory]
    [InlineData("this is not a key file\n")]
    [InlineData("KEY_BASE64: not*base64\nHMAC_KEY_BASE64: AAAA\n")]
    [InlineData("KEY_BASE64: AAAAAAAAAAAAAAAAAAAAAA==\n")]
    [InlineData("")]
    public void Read_GarbageKeyFile_IsRefused(string text)
    {
        _dir.Write("alice.keys", text);

        Diagnostic error = Assert.Single(Read(Door).Diagnostics, d => d.IsError);

        Assert.Equal("SES0613@10:17", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeyFileIsADirectory_IsRefused()
    {
        Directory.CreateDirectory(_dir.Combine("alice.keys"));

        Assert.Equal(["SES0615@4:5", "SES0613@10:17"], Found(Door));
    }

    [Theory]
    [InlineData("key_base64")]
    [InlineData("HMAC_KEY_BASE64")]
    [InlineData("key")]
    [InlineData("passphrase")]
    public void Read_InlineKeyField_IsRefusedWithoutRepeatingTheKey(string field)
    {
        _dir.Add("alice.keys");
        string secret = Convert.ToBase64String(SpaKeys.Generate().HmacKey);
        string yaml = Door.Replace("          keys: alice.keys", $"          keys: alice.keys\n          {field}: {secret}", StringComparison.Ordinal);

        ProfileResult result = Read(yaml);

        Diagnostic error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("SES0614@11:11", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("key file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, string.Join("\n", result.Diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeysAsAMapping_IsRefusedAsAnInlineKey()
    {
        string secret = Convert.ToBase64String(SpaKeys.Generate().EncryptionKey);
        string yaml = Door.Replace("keys: alice.keys", $"keys: {{key_base64: {secret}}}", StringComparison.Ordinal);

        ProfileResult result = Read(yaml);

        Assert.Equal(["SES0615@4:5", "SES0614@10:17"], Found(yaml));
        Assert.DoesNotContain(secret, string.Join("\n", result.Diagnostics), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, "")]
    [InlineData(64, "")]
    [InlineData(32, "KEY_BASE64: ")]
    public void Read_KeysValueIsABase64Key_IsRefusedAsAnInlineKey(int length, string prefix)
    {
        string secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(length));
        string yaml = Door.Replace("keys: alice.keys", $"keys: \"{prefix}{secret}\"", StringComparison.Ordinal);

        ProfileResult result = Read(yaml);

        Assert.Equal(["SES0615@4:5", "SES0614@10:17"], Found(yaml));
        Assert.DoesNotContain(secret, string.Join("\n", result.Diagnostics), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("productionserver")]
    [InlineData("keys/KEY_BASE64.txt")]
    public void Read_MissingKeyFileWithAWordyName_IsAMissingFileNotAnInlineKey(string file)
    {
        string yaml = Door.Replace("keys: alice.keys", $"keys: {file}", StringComparison.Ordinal);

        Assert.Equal(["SES0615@4:5", "SES0613@10:17"], Found(yaml));
    }

    [Theory]
    [InlineData("    knocks: [1000, 2000]\n", "SES0610@12:13")]
    [InlineData("    step_time: 5s\n", "SES0610@12:16")]
    [InlineData("    hooks: {start: /bin/true}\n", "SES0610@12:12")]
    [InlineData("    list: admitted\n", "SES0610@12:11")]
    public void Read_KnockSettingOnAnSpaDoor_IsAnError(string line, string expected)
    {
        _dir.Add("alice.keys");

        Assert.Contains(expected, Found(Door + "\n" + line));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("none")]
    public void Read_SpaDoorOpeningAllOrNone_IsAnError(string open)
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("open: [22, 443, 51820/udp]", $"open: {open}", StringComparison.Ordinal);

        ProfileResult result = Read(yaml);

        Diagnostic error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("SES0610@11:11", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.Contains("list the ones it may open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SpaDoorWithoutOpen_IsAnError()
    {
        _dir.Add("alice.keys");

        Assert.Contains("SES0605@4:5", Found(Door.Replace("    open: [22, 443, 51820/udp]", "", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("          source: 10.0.0.0/33\n", "SES0610@9:19")]
    [InlineData("          source: [any, 10.0.0.0/8]\n", "SES0610@9:20")]
    [InlineData("          source: 10.0.0.1-10.0.0.9\n", "SES0610@9:19")]
    [InlineData("          source: []\n", "SES0610@9:19")]
    [InlineData("          open: [23]\n", "SES0610@11:17")]
    [InlineData("          open_for: never\n", "SES0607@11:21")]
    public void Read_BadUserValue_IsAnErrorAtItsPlace(string replacement, string expected)
    {
        _dir.Add("alice.keys");
        string yaml = replacement.Contains("source", StringComparison.Ordinal)
            ? Door.Replace("          source: any\n", replacement, StringComparison.Ordinal)
            : Door.Replace("          keys: alice.keys\n", "          keys: alice.keys\n" + replacement, StringComparison.Ordinal);

        Assert.Contains(expected, Found(yaml));
        Assert.True(Read(yaml).HasErrors);
    }

    [Theory]
    [InlineData("      port: 0\n", "SES0604@6:13")]
    [InlineData("      port: 62201/tcp\n", "SES0604@6:13")]
    [InlineData("      port: 51820\n", "SES0616@6:13")]
    [InlineData("      window: 200000s\n", "SES0607@6:15")]
    [InlineData("      max_open_for: 200d\n", "SES0607@6:21")]
    [InlineData("      users: []\n", "SES0603@6:14")]
    public void Read_BadSpaValue_IsAnErrorAtItsPlace(string replacement, string expected)
    {
        _dir.Add("alice.keys");
        string yaml = replacement.Contains("users", StringComparison.Ordinal)
            ? "doors:\n  - name: ssh\n    open: [22]\n    spa:\n      port: 62201\n" + replacement
            : Door.Replace("      port: 62201\n", replacement, StringComparison.Ordinal);

        Assert.Contains(expected, Found(yaml));
    }

    [Fact]
    public void Read_TwoSpaDoorsOnOnePort_IsAnError()
    {
        _dir.Add("alice.keys");
        string second = Door[Door.IndexOf("  - name: ssh", StringComparison.Ordinal)..].Replace("name: ssh", "name: web", StringComparison.Ordinal);

        Assert.Contains("SES0616@14:7", Found(Door + "\n" + second));
    }

    [Fact]
    public void Read_TwoSpaDoorsOnOnePortInOtherFamilies_IsAllowed()
    {
        _dir.Add("alice.keys");
        string second = Door[Door.IndexOf("  - name: ssh", StringComparison.Ordinal)..].Replace("name: ssh", "name: web", StringComparison.Ordinal);

        ProfileResult result = Read(Door + "\n    family: ipv4\n" + second + "\n    family: ipv6\n");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Read_UdpKnockOnTheSpaPort_IsAnError()
    {
        _dir.Add("alice.keys");

        Assert.Contains("SES0616@13:14", Found(Door + "\n  - name: old\n    knocks: [62201/udp, 7000]\n"));
    }

    [Theory]
    [InlineData("al\nice")]
    [InlineData("al;ice")]
    [InlineData("al'ice")]
    [InlineData("al\"ice")]
    [InlineData("al\u0000ice")]
    [InlineData("al\u001b[2Jice")]
    [InlineData("al ice")]
    [InlineData("")]
    public void Read_HostileUserName_IsRefused(string name)
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("- name: alice", $"- name: {Quote(name)}", StringComparison.Ordinal);

        ProfileResult result = Read(yaml);

        Assert.Contains("SES0610@8:17", Found(yaml));
        Assert.DoesNotContain(result.Diagnostics, d => d.ToString().Contains('\u001b', StringComparison.Ordinal) || d.ToString().Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Read_HugeUserName_IsRefusedWithAShortMessage()
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("- name: alice", $"- name: {new string('a', 900_000)}", StringComparison.Ordinal);

        Diagnostic error = Assert.Single(Read(yaml).Diagnostics, d => d.IsError);

        Assert.Equal("SES0610", error.Code);
        Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters");
    }

    [Theory]
    [InlineData("al\u001bice.keys")]
    [InlineData("alice\u0000.keys")]
    [InlineData("")]
    public void Read_HostileKeyFileName_IsRefused(string file)
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("keys: alice.keys", $"keys: {Quote(file)}", StringComparison.Ordinal);

        Assert.Equal(["SES0615@4:5", "SES0610@10:17"], Found(yaml));
    }

    [Fact]
    public void Read_HugeKeyFileName_IsRefusedWithAShortMessage()
    {
        string yaml = Door.Replace("keys: alice.keys", $"keys: {new string('k', 900_000)}", StringComparison.Ordinal);

        Diagnostic error = Assert.Single(Read(yaml).Diagnostics, d => d.IsError);

        Assert.Equal("SES0610@10:17", $"{error.Code}@{error.Location.Line}:{error.Location.Column}");
        Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Read_HostileDoorName_CompilesToQuotedListNamesOnly()
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("- name: ssh", "- name: \"a;b'c}#d\"", StringComparison.Ordinal);

        ProfileResult result = Read(yaml);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal("a;b'c}#d-spa-tcp22", result.Config.SpaDoors[0].PortLists[0].List);
    }

    [Fact]
    public void Read_UsersWithTheSameName_IsAnError()
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("    open:", "        - name: alice\n          source: any\n          keys: alice.keys\n    open:", StringComparison.Ordinal);

        Assert.Contains("SES0609@11:11", Found(yaml));
    }

    [Theory]
    [InlineData("ipv4", "[2001:db8::/32]", true)]
    [InlineData("ipv6", "[192.0.2.0/24]", true)]
    [InlineData("ipv4", "[192.0.2.0/24, 2001:db8::/32]", false)]
    [InlineData("ipv6", "any", false)]
    public void Read_UserWithNoSourceInTheDoorsFamily_IsWarned(string family, string source, bool warned)
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("source: any", $"source: {source}", StringComparison.Ordinal) + $"\n    family: {family}\n";

        Assert.Equal(warned, Found(yaml).Contains("SES0610@8:11"));
        Assert.False(Read(yaml).HasErrors);
    }

    [Fact]
    public void Read_SourcesOfBothFamilies_AreRanges()
    {
        _dir.Add("alice.keys");
        string yaml = Door.Replace("source: any", "source: [192.0.2.1, 2001:db8::/48]", StringComparison.Ordinal);

        EquatableArray<IpRange> sources = Read(yaml).Profile.Doors[0].Spa!.Users[0].Sources;

        Assert.Equal([IpRange.Host(System.Net.IPAddress.Parse("192.0.2.1")), IpRange.FromPrefix(IpFamily.V6, (UInt128)0x20010db8 << 96, 48)], sources);
    }
}
