using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>
/// A fact that needs what a <see cref="FleetRig"/> needs: root, <c>ip</c> and libnftables (as <see cref="RootFactAttribute"/>),
/// and, unless the rig has no database, a real PostgreSQL (as <see cref="PostgresFactAttribute"/>); skipped
/// with the reason otherwise.
/// </summary>
public sealed class FleetRigFactAttribute : FactAttribute
{
    public FleetRigFactAttribute(bool database = true)
    {
        Skip = RootFactAttribute.MissingPrerequisite() ?? (database ? PostgresServer.MissingPrerequisite() : null);
    }
}
