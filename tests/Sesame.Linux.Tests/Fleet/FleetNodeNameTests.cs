using Microsoft.Win32.SafeHandles;
using Sesame.Linux.Daemon;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet;

public sealed class FleetNodeNameTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("web-1.example_2", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a\nb", false)]
    [InlineData("a;b", false)]
    [InlineData("a\u001b[31m", false)]
    [InlineData("naïve", false)]
    public void IsValid_Names(string name, bool valid) => Assert.Equal(valid, FleetNodeName.IsValid(name));

    [Fact]
    public void IsValid_64Characters_Refused() => Assert.False(FleetNodeName.IsValid(new string('a', 64)));

    [Fact]
    public void Default_InTheHostsNamespace_TheHostNameCleaned()
    {
        string name = FleetNodeName.Default();

        Assert.True(FleetNodeName.IsValid(name), name);
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
            using (SafeFileHandle handle = File.OpenHandle(Path.Combine("/run/netns", ns.Server)))
            {
                Assert.Equal(0, Libc.SetNs((int)handle.DangerousGetHandle(), Libc.CLONE_NEWNET));
            }

            name = FleetNodeName.Default();
        });
        thread.Start();
        thread.Join();

        Assert.NotNull(name);
        Assert.EndsWith("-" + ns.Server, name, StringComparison.Ordinal);
        Assert.True(FleetNodeName.IsValid(name), name);
    }
}
