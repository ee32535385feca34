using Sesame.Linux.Nftables;

namespace Sesame.Tests.Kernel;

/// <summary>A fact that needs root, <c>ip</c> and libnftables; skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        Skip = MissingPrerequisite();
    }

    internal static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs root on Linux (network namespaces)";
        }

        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
        {
            return "needs iproute2 (ip)";
        }

        return NftContext.IsAvailable ? null : "needs libnftables.so.1 (apt-get install libnftables1)";
    }
}
