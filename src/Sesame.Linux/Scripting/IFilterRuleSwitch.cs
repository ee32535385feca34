using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Scripting;

/// <summary>
/// The filter rules a script sees and may enable or disable: in <c>serve</c> the daemon's live rules
/// (<see cref="Daemon.LiveRules"/>), which change the kernel's chains in one transaction and teach the table guard the
/// new ruleset.
/// </summary>
public interface IFilterRuleSwitch
{
    /// <summary>The family's rules in order, with <see cref="FilterRule.Disabled"/> as it is now.</summary>
    IReadOnlyList<FilterRule> GetRules(IpFamily family);

    /// <summary>Enables or disables the rules at <paramref name="indices"/> in one transaction.</summary>
    /// <exception cref="Sesame.Scripting.ScriptHostException">The change cannot be made; nothing changed.</exception>
    void SetDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled);
}

/// <summary>
/// For <c>sesame run</c>: the configuration's rules, read-only. A separate process that changed the chains would be undone
/// by a running daemon's table guard, so a change is refused with a message that says where it works.
/// </summary>
public sealed class ReadOnlyFilterRules(FirewallConfig config) : IFilterRuleSwitch
{
    public IReadOnlyList<FilterRule> GetRules(IpFamily family) => family == IpFamily.V4 ? config.Ipv4Filter : config.Ipv6Filter;

    public void SetDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled) =>
        throw new Sesame.Scripting.ScriptHostException(
            $"sesame run cannot {(disabled ? "disable" : "enable")} filter rules: the daemon's table guard would put the compiled rules back; run the script from a /system scheduler under sesame serve, or change disabled= in the configuration");
}
