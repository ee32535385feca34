namespace Sesame.Tests.NetNs;

/// <summary>
/// A test that needs root and real network namespaces: it reports itself skipped, with the reason, when the process is
/// not root or a tool it needs (iproute2, knockd, tcpdump) is missing. In CI these tests run as root.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
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
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "needs root (network namespaces)";
        }

        string[] missing = [.. Tools.Required.Where(t => Tools.Find(t.Name) is null).Select(t => $"{t.Name} (Debian package {t.Package})")];
        return missing.Length == 0 ? null : "missing " + string.Join(", ", missing) + ": apt-get install -y knockd tcpdump iproute2 nftables";
    }
}
