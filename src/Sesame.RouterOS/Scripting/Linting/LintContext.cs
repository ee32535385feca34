using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.RouterOS.Scripting.Linting;

/// <summary>What the lint of all scripts shares: the config's names, every :global, the lists filled, the runs between scripts.</summary>
internal sealed class LintContext
{
    public LintContext(FirewallConfig config, HashSet<string> scriptNames)
    {
        ScriptNames = scriptNames;
        foreach ((IpFamily family, IEnumerable<FilterRule> rules) in new[] { (IpFamily.V4, (IEnumerable<FilterRule>)config.Ipv4Filter), (IpFamily.V6, config.Ipv6Filter) })
        {
            foreach (FilterRule rule in rules)
            {
                if (rule.AddressList is string list && rule.Action is FilterAction.AddSrcToAddressList or FilterAction.AddDstToAddressList)
                {
                    Filled.Add((family, list));
                }

                Mentioned.Add(rule.SrcAddressList?.Value ?? "");
                Mentioned.Add(rule.DstAddressList?.Value ?? "");
            }
        }

        foreach (AddressListEntry entry in config.Ipv4AddressList)
        {
            Filled.Add((IpFamily.V4, entry.List));
        }

        foreach (AddressListEntry entry in config.Ipv6AddressList)
        {
            Filled.Add((IpFamily.V6, entry.List));
        }
    }

    public DiagnosticBag Diagnostics { get; } = new();

    public HashSet<string> ScriptNames { get; }

    /// <summary>Lists something adds to: a rule's action, a static entry, a script's <c>add list=…</c>.</summary>
    public HashSet<(IpFamily Family, string List)> Filled { get; } = [];

    /// <summary>Every list name the config mentions (filled or read), for "did you mean".</summary>
    public HashSet<string> Mentioned { get; } = new(StringComparer.Ordinal);

    /// <summary>Names declared <c>:global</c> by any script or scheduler.</summary>
    public HashSet<string> Globals { get; } = new(StringComparer.Ordinal);

    /// <summary>Who runs which script (<c>/system script run NAME</c>), for the "runs itself" check.</summary>
    public Dictionary<string, List<(string Target, LintSource Source, int Position)>> Runs { get; } = new(StringComparer.Ordinal);
}
