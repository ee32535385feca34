using Sesame.Tests.Kernel;

namespace Sesame.Tests.WireSupport;

/// <summary>
/// A test that needs root and real network namespaces: it reports itself skipped, with the reason, when the process is
/// not root or a tool it needs (iproute2, knockd, tcpdump) is missing. In CI these tests run as root.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    private static readonly (string Name, string Package)[] Required = [("knockd", "knockd"), ("knock", "knockd"), ("tcpdump", "tcpdump"), ("nft", "nftables"), ("perl", "perl-base")];

    private static readonly string? Unavailable = FindReason();

    public RootFactAttribute()
    {
        if (Unavailable is not null)
        {
            Skip = Unavailable;
        }
    }

    private static string? FindReason()
    {
        if (NetNs.MissingPrerequisite() is { } reason)
        {
            return reason;
        }

        string[] missing = [.. Required.Where(t => Tools.Find(t.Name) is null).Select(t => $"{t.Name} (Debian package {t.Package})")];
        return missing.Length == 0 ? null : "missing " + string.Join(", ", missing) + ": apt-get install -y knockd tcpdump iproute2 nftables";
    }
}
