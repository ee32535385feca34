using System.Globalization;
using Npgsql;
using Sesame.Fleet;
using Sesame.Net;

namespace Sesame.Tests.Fleet;

/// <summary>
/// TLS as Npgsql does it: a server that takes TCP only over TLS (hostssl, SCRAM), nodes that verify its certificate.
/// Loopback only (127.0.0.1), on the fixture's own server.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetTlsTests
{
    private const string User = "tls_node";
    private const string Password = "tls-node-password";

    [PostgresFact]
    public void Link_VerifyFullAgainstTheServersCertificate_JoinsAndChangesTravel()
    {
        using var server = new PostgresServer();
        FleetAdmin.Init(server.AdminConnectionString, User, Password, TextWriter.Null);
        string root = server.EnableTls();
        string tls = Tcp(server, "VerifyFull", root);

        var a = new RecordingEvents();
        var b = new RecordingEvents();
        using FleetLink linkA = FleetLinkTests.Link(tls, "tls-a", a);
        using FleetLink linkB = FleetLinkTests.Link(tls, "tls-b", b);
        Assert.True(a.WaitJoined(TimeSpan.FromSeconds(15)) && b.WaitJoined(TimeSpan.FromSeconds(15)), a.Describe() + b.Describe());
        linkA.Publish(new FleetChange(FleetOp.Put, "secured", IpRange.Host(System.Net.IPAddress.Parse("192.0.2.44")), TimeSpan.FromMinutes(1), TimeProvider.System.GetTimestamp()));

        Assert.True(b.WaitFor(() => b.ReceivedFor("secured").Count == 1, TimeSpan.FromSeconds(10)), b.Describe());
        Assert.Equal("true", server.Psql($"select bool_and(ssl)::text from pg_stat_ssl join pg_stat_activity using (pid) where usename = '{User}'").Trim());
        FleetStatus status = FleetAdmin.ReadStatus(tls);
        Assert.Contains(status.Nodes, n => n.Name == "tls-a");
    }

    [PostgresFact]
    public void Link_PlainTcpOrAWrongRootCertificate_RefusedAndNeverThrows()
    {
        using var server = new PostgresServer();
        FleetAdmin.Init(server.AdminConnectionString, User, Password, TextWriter.Null);
        server.EnableTls();
        string otherRoot = Path.Combine(server.Directory, "other.crt");
        File.WriteAllText(otherRoot, OtherCertificate(server.Directory));

        var plain = new RecordingEvents();
        using FleetLink plainLink = FleetLinkTests.Link(Tcp(server, "Disable", null), "plain", plain);
        var forged = new RecordingEvents();
        using FleetLink forgedLink = FleetLinkTests.Link(Tcp(server, "VerifyFull", otherRoot), "forged", forged);

        Assert.True(plain.WaitFor(() => !plain.Lost.IsEmpty, TimeSpan.FromSeconds(15)), plain.Describe());
        Assert.True(forged.WaitFor(() => !forged.Lost.IsEmpty, TimeSpan.FromSeconds(15)), forged.Describe());
        Assert.Empty(plain.Joins);
        Assert.Empty(forged.Joins);
        Assert.Contains("no encryption", plain.Lost.First(), StringComparison.OrdinalIgnoreCase);
    }

    [PostgresFact]
    public void Uri_SslModeVerifyFullWithPasswordFile_Joins()
    {
        using var server = new PostgresServer();
        FleetAdmin.Init(server.AdminConnectionString, User, Password, TextWriter.Null);
        string root = server.EnableTls();
        string passwordFile = Path.Combine(server.Directory, "node.pass");
        File.WriteAllText(passwordFile, Password + "\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string uri = string.Create(CultureInfo.InvariantCulture,
            $"postgresql://{User}@127.0.0.1:{server.Port}/postgres?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(root)}");

        Assert.True(FleetConnection.TryParse(uri, fromCommandLine: true, passwordFile, out string connectionString, out string error), error);
        var events = new RecordingEvents();
        using FleetLink link = FleetLinkTests.Link(connectionString, "uri", events);

        Assert.True(events.WaitJoined(TimeSpan.FromSeconds(15)), events.Describe());
    }

    private static string Tcp(PostgresServer server, string sslMode, string? root)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = User,
            Password = Password,
            Database = "postgres",
            SslMode = Enum.Parse<SslMode>(sslMode),
        };
        if (root is not null)
        {
            builder.RootCertificate = root;
        }

        return builder.ConnectionString;
    }

    /// <summary>A self-signed certificate for 127.0.0.1 that did not sign the server's: a man in the middle's.</summary>
    private static string OtherCertificate(string directory)
    {
        string key = Path.Combine(directory, "other.key");
        string certificate = Path.Combine(directory, "other-out.crt");
        Tests.Support.ProcessResult result = Tests.Support.ProcessRunner.Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate], TimeSpan.FromSeconds(30));
        Assert.Equal(0, result.Exit);
        return File.ReadAllText(certificate);
    }
}
