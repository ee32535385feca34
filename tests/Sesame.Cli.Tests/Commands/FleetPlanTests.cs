using Sesame.Cli.Commands;
using Sesame.Fleet;
using Sesame.Linux.Daemon;

namespace Sesame.Tests.Commands;

/// <summary>The plan's last step: the link and the lists it puts in the daemon's options (no connection is made).</summary>
public sealed class FleetPlanTests
{
    [Fact]
    public void Apply_Plan_PutsTheLinkAndTheListsInTheOptions()
    {
        var plan = new FleetPlan("Host=db;Username=sesame_node", "web-1", ["ssh-knock1"], ["blacklist"]);

        DaemonOptions options = plan.Apply(new DaemonOptions { SetSize = 77 });

        using IFleetLink link = options.Fleet!;
        Assert.IsType<FleetLink>(link);
        Assert.Equal("web-1", link.Node);
        Assert.Equal(["ssh-knock1"], options.FleetShare);
        Assert.Equal(["blacklist"], options.FleetLocal);
        Assert.Equal(77, options.SetSize);
    }
}
