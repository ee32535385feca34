using Sesame.Fleet;
using Sesame.Linux.Daemon;

namespace Sesame.Cli.Commands;

/// <summary>The fleet a node joins, checked whole; <see cref="Apply"/> builds the link, the last step before the daemon.</summary>
internal sealed record FleetPlan(string ConnectionString, string Node, IReadOnlyList<string> Share, IReadOnlyList<string> Local)
{
    public DaemonOptions Apply(DaemonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Fleet = new FleetLink(new FleetSettings(ConnectionString, Node) { Time = options.Time }),
            FleetShare = Share,
            FleetLocal = Local,
        };
    }
}
