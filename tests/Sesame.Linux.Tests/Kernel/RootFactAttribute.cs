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
        if (NetNs.MissingPrerequisite() is { } reason)
        {
            return reason;
        }

        return NftContext.IsAvailable ? null : "needs libnftables.so.1 (apt-get install libnftables1)";
    }
}
