using Npgsql;
using Sesame.Fleet;

namespace Sesame.Tests.Fleet;

/// <summary><c>--fleet</c>'s value: Npgsql connection strings, postgres:// URIs, password files; hostile text refused or kept a value.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetConnectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-fleetconn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static NpgsqlConnectionStringBuilder Parse(string text, bool fromCommandLine = true, string? passwordFile = null)
    {
        Assert.True(FleetConnection.TryParse(text, fromCommandLine, passwordFile, out string cs, out string error), error);
        Assert.Equal("", error);
        return new NpgsqlConnectionStringBuilder(cs);
    }

    private static string Refused(string text, bool fromCommandLine = true, string? passwordFile = null)
    {
        Assert.False(FleetConnection.TryParse(text, fromCommandLine, passwordFile, out string cs, out string error));
        Assert.Equal("", cs);
        Assert.NotEqual("", error);
        Assert.DoesNotContain('\n', error);
        Assert.True(error.Length < 400, error);
        return error;
    }

    private string PasswordFile(string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        string path = Path.Combine(_dir, "pw" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void TryParse_NpgsqlString_KeepsValues()
    {
        var b = Parse("Host=/run/postgresql;Port=5433;Username=sesame;Database=fleet;SSL Mode=Require");
        Assert.Equal("/run/postgresql", b.Host);
        Assert.Equal(5433, b.Port);
        Assert.Equal("sesame", b.Username);
        Assert.Equal("fleet", b.Database);
        Assert.Equal(SslMode.Require, b.SslMode);
    }

    [Fact]
    public void TryParse_Uri_MapsEveryPart()
    {
        var b = Parse("postgresql://sesame@db.example.net:6543/fleet?sslmode=verify-full&application_name=node%20a&connect_timeout=7");
        Assert.Equal("db.example.net", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("sesame", b.Username);
        Assert.Equal("fleet", b.Database);
        Assert.Equal(SslMode.VerifyFull, b.SslMode);
        Assert.Equal("node a", b.ApplicationName);
        Assert.Equal(7, b.Timeout);
    }

    [Theory]
    [InlineData("postgres:///fleet?host=/run/postgresql&port=5432")]
    [InlineData("postgresql://%2Frun%2Fpostgresql:5432/fleet")]
    [InlineData("POSTGRES://%2frun%2fpostgresql:5432/fleet")]
    public void TryParse_UriUnixSocket_HostIsTheDirectory(string uri)
    {
        var b = Parse(uri);
        Assert.Equal("/run/postgresql", b.Host);
        Assert.Equal(5432, b.Port);
        Assert.Equal("fleet", b.Database);
    }

    [Fact]
    public void TryParse_UriIpv6_HostWithoutBrackets()
    {
        var b = Parse("postgres://u@[2001:db8::1]:5432/d");
        Assert.Equal("2001:db8::1", b.Host);
        Assert.Equal(5432, b.Port);
    }

    [Theory]
    [InlineData("Host=h;Password=secret")]
    [InlineData("Host=h;password=secret")]
    [InlineData("postgres://u:secret@h/d")]
    [InlineData("postgres://u@h/d?password=secret")]
    [InlineData("postgres://u@h/d?sslpassword=secret")]
    public void TryParse_PasswordOnCommandLine_Refused(string text)
    {
        string error = Refused(text);
        Assert.Contains("--fleet-password-file or PGPASSWORD", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PasswordInProfile_Accepted()
    {
        Assert.Equal("secret", Parse("postgres://u:s%65cret@h/d", fromCommandLine: false).Password);
    }

    [Theory]
    [InlineData("Host=h;Bogus=1", "Bogus")]
    [InlineData("postgres://h/d?bogus=1", "bogus")]
    [InlineData("postgres://h/d?sslmode=maybe", "sslmode")]
    [InlineData("postgres://h:99999/d", "port")]
    [InlineData("postgres://h:x/d", "port")]
    [InlineData("postgres://a,b/d", "several hosts")]
    [InlineData("postgres://h/d?host=x&host=y", "twice")]
    [InlineData("postgres://h/d%zz", "hex")]
    [InlineData("postgres://h/d%ff", "UTF-8")]
    [InlineData("mysql://h/d", "postgres://")]
    [InlineData("", "empty")]
    [InlineData("Host=h;Port=notaport", "port: 'notaport' is not a valid value")]
    [InlineData("postgres://h/d?connect_timeout=abc", "connect_timeout: 'abc' is not a valid value")]
    [InlineData("Host=h;Bogus=1", "unknown keyword 'bogus'")]
    [InlineData("a=b=c;;;'", "not Key=Value pairs")]
    [InlineData("postgres://[::1/d", "IPv6")]
    public void TryParse_Malformed_OneLineNamingIt(string text, string mention)
    {
        Assert.Contains(mention, Refused(text, fromCommandLine: false), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Host=h;Database=a\nb")]
    [InlineData("Host=h;Database=a\0b")]
    [InlineData("Host=h;Database=a\u001b[31m")]
    [InlineData("postgres://h/a%0Ab")]
    [InlineData("postgres://h/a%00b")]
    [InlineData("postgres://h/d?application_name=%1b%5b31m")]
    public void TryParse_ControlCharacter_Refused(string text)
    {
        Assert.Contains("control character", Refused(text), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OneMegabyte_RefusedQuickly()
    {
        string text = "Host=h;Database=" + new string('x', 1 << 20);
        Assert.Contains("at most", Refused(text), StringComparison.Ordinal);
        Assert.Contains("at most", Refused("postgres://h/" + new string('%', 1 << 20)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://h/a%3BPassword%3Dx%3BHost%3Devil", "a;Password=x;Host=evil")]
    [InlineData("postgres://h/a'b%22c", "a'b\"c")]
    [InlineData("postgres://h/%7D%23x", "}#x")]
    [InlineData("postgres://h/d🔑%20🔑", "d🔑 🔑")]
    [InlineData("postgres://h/%E6%95%B0%E6%8D%AE", "数据")]
    public void TryParse_UriSeparatorsInValue_StayTheValue(string uri, string database)
    {
        var b = Parse(uri);
        Assert.Equal(database, b.Database);
        Assert.Equal("h", b.Host);
        Assert.Null(b.Password);
    }

    [Fact]
    public void TryParse_PasswordFile_FirstLineIsThePassword()
    {
        string file = PasswordFile("p;a'ss\"word=1\nsecond line\n");
        var b = Parse("postgres://u@h/d", passwordFile: file);
        Assert.Equal("p;a'ss\"word=1", b.Password);
        Assert.Equal("h", b.Host);
        Assert.Equal("d", b.Database);
    }

    [Fact]
    public void TryParse_PasswordFileCrLf_LineEndingNotPartOfIt()
    {
        Assert.Equal("pw", Parse("Host=h", passwordFile: PasswordFile("pw\r\n")).Password);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\nsecond", "empty")]
    [InlineData("a\0b\n", "NUL")]
    public void TryParse_PasswordFileUnusable_Refused(string content, string mention)
    {
        Assert.Contains(mention, Refused("Host=h", passwordFile: PasswordFile(content)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite)]
    public void TryParse_PasswordFileOthersMayRead_RefusedWithWhy(UnixFileMode mode)
    {
        string error = Refused("Host=h", passwordFile: PasswordFile("pw\n", mode));
        Assert.Contains("group or others", error, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PasswordFileMissingOrDirectory_Refused()
    {
        Assert.Contains("no such file", Refused("Host=h", passwordFile: Path.Combine(_dir, "nope")), StringComparison.Ordinal);
        Assert.Contains("directory", Refused("Host=h", passwordFile: _dir), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PasswordFileTooBig_Refused()
    {
        Assert.Contains("not a password", Refused("Host=h", passwordFile: PasswordFile(new string('x', 1 << 20))), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PasswordInTextAndFile_Refused()
    {
        Assert.Contains("both", Refused("Host=h;Password=a", fromCommandLine: false, passwordFile: PasswordFile("b")), StringComparison.Ordinal);
    }
}
