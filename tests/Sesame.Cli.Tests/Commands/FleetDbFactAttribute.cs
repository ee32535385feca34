using Sesame.Fleet;

namespace Sesame.Tests.Commands;

/// <summary>
/// A fact that needs Sesame.Fleet's Npgsql side (<see cref="FleetConnection"/>, <see cref="FleetAdmin"/>), and with
/// <c>postgres: true</c> a real PostgreSQL server too (<see cref="PostgresServer"/>). Skipped with the reason while
/// those are the skeleton's stubs (they throw <see cref="NotImplementedException"/>); once they are in, it runs, so it
/// cannot pass by skipping on a branch that has them.
/// </summary>
public sealed class FleetDbFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Stubbed = new(FindStub);

    public FleetDbFactAttribute(bool postgres = false)
    {
        Skip = Stubbed.Value ?? (postgres ? PostgresServer.MissingPrerequisite() : null);
    }

    private static string? FindStub()
    {
        try
        {
            FleetConnection.TryParse("Host=/nonexistent", fromCommandLine: true, passwordFile: null, out _, out _);
            FleetAdmin.ReadStatus("Host=/nonexistent-sesame-fleet-test;Timeout=1");
        }
        catch (NotImplementedException)
        {
            return "needs the fleet's Npgsql side (Sesame.Fleet is the skeleton's stubs here)";
        }
        catch (Exception ex) when (ex is FleetException or ArgumentException or InvalidOperationException)
        {
            // The real thing, refusing a server that is not there.
        }

        return null;
    }
}
