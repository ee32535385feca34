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
/// For <c>sesame run</c> with no daemon answering on the control socket: the configuration's rules, read-only. This process
/// does not know the ruleset the table holds (a daemon may have served another configuration, or another daemon may guard
/// it on another control path and would undo the change), so a change is refused with a message that says where it works.
/// </summary>
public sealed class ReadOnlyFilterRules(FirewallConfig config) : IFilterRuleSwitch
{
    public IReadOnlyList<FilterRule> GetRules(IpFamily family) => family == IpFamily.V4 ? config.Ipv4Filter : config.Ipv6Filter;

    public void SetDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled) =>
        throw new Sesame.Scripting.ScriptHostException(
            $"filter rules are {(disabled ? "disabled" : "enabled")} only through the daemon: no sesame serve answers on the control socket (start it, or give sesame run its --control path), or change disabled= in the configuration");
}
