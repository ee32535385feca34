using Sesame.Linux.Daemon;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet;

public sealed class FleetNodeNameTests
{
    [Fact]
    public void Default_InTheHostsNamespace_TheHostNameCleaned()
    {
        string name = FleetNodeName.Default();

        Assert.True(Sesame.Profiles.FleetNames.IsNodeName(name), name);
        if (Environment.IsPrivilegedProcess)
        {
            Assert.StartsWith(Environment.MachineName[..Math.Min(Environment.MachineName.Length, 20)], name, StringComparison.Ordinal);
        }
    }

    [RootFact]
    public void Default_InANamedNamespace_HostNameAndNamespaceName()
    {
        using var ns = new NetNs();
        string? name = null;
        var thread = new Thread(() =>
        {
            NetNs.Join(ns.Server);

            name = FleetNodeName.Default();
        });
        thread.Start();
        thread.Join();

        Assert.NotNull(name);
        Assert.EndsWith("-" + ns.Server, name, StringComparison.Ordinal);
        Assert.True(Sesame.Profiles.FleetNames.IsNodeName(name), name);
    }
}
