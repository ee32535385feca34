using Sesame.Tests.Kernel;

namespace Sesame.Tests.WireSupport;

/// <summary>
/// A namespace test with the stock fwknopd (Debian fwknop-server) as the peer: skipped, with the reason, when not root
/// or when fwknopd, iptables (fwknopd's firewall back end, iptables-nft here) or perl is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FwknopdFactAttribute : FactAttribute
{
    private static readonly (string Name, string Package)[] Required = [("fwknopd", "fwknop-server"), ("iptables", "iptables"), ("perl", "perl-base")];

    private static readonly string? Unavailable = FindReason();

    public FwknopdFactAttribute()
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
        return missing.Length == 0 ? null : "missing " + string.Join(", ", missing) + ": apt-get install -y fwknop-server iptables";
    }
}
