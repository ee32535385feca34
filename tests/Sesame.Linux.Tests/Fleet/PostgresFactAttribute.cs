namespace Sesame.Tests.Fleet;

/// <summary>A fact that needs a real PostgreSQL server (<see cref="PostgresServer"/>); skipped with the reason otherwise.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.MissingPrerequisite();
    }
}
