namespace Sesame.Tests.Fleet;

/// <summary>
/// A measurement, not a test: it prints figures for the README and runs only when asked for
/// (<c>SESAME_FIGURES=1 dotnet test tests/Sesame.Linux.Tests --filter FleetLinkPerformance --logger "console;verbosity=detailed"</c>),
/// never in CI, where a loaded machine would make a timing bound flaky. Needs a real PostgreSQL too.
/// </summary>
public sealed class FleetFiguresFactAttribute : FactAttribute
{
    public FleetFiguresFactAttribute()
    {
        Skip = Environment.GetEnvironmentVariable("SESAME_FIGURES") != "1"
            ? "a measurement: set SESAME_FIGURES=1 to run it"
            : PostgresServer.MissingPrerequisite();
    }
}
