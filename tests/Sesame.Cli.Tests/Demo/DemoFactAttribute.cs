namespace Sesame.Tests.Demo;

/// <summary>The demo needs root, iproute2, perl and libnftables; without them the test reports itself skipped, with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DemoFactAttribute : FactAttribute
{
    public DemoFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root on Linux (network namespaces)";
        }
        else if (!File.Exists("/usr/bin/perl") || !(File.Exists("/usr/sbin/ip") || File.Exists("/usr/bin/ip") || File.Exists("/sbin/ip")))
        {
            Skip = "needs perl and iproute2 (apt-get install -y iproute2 perl)";
        }
        else if (!Sesame.Linux.Nftables.NftContext.IsAvailable)
        {
            Skip = "needs libnftables (apt-get install -y libnftables1 nftables)";
        }
    }
}
