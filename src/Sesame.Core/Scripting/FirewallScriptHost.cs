using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Scripting;

/// <summary>
/// What a script reaches in <c>simulate</c>: the engine's address lists and filter rules, on the simulator's clock.
/// Every change is reported to the firewall's <see cref="Firewall.Observer"/> as made by <see cref="ScriptName"/>, the way
/// a rule's changes are.
/// </summary>
/// <remarks>
/// Decision on <c>:delay</c> (ROUTEROS.md is silent on virtual time): the script's own clock moves on, so its later log
/// lines carry later times, but the world does not: no packet, expiry or other script runs during the delay, and the
/// engine's clock stays at the moment the run started, so a timeout the script gives counts from then. The simulator's
/// events stay in time order, and a run is one step between two of them.
/// </remarks>
public sealed class FirewallScriptHost : IScriptHost
{
    private readonly Firewall _firewall;
    private readonly FirewallConfig _config;
    private readonly TimeProvider _time;
    private TimeSpan _delayed;

    /// <param name="scriptName">Who makes the changes (a script, or a scheduler whose on-event is code).</param>
    public FirewallScriptHost(Firewall firewall, FirewallConfig config, TimeProvider time, string scriptName)
    {
        ArgumentNullException.ThrowIfNull(firewall);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(scriptName);
        _firewall = firewall;
        _config = config;
        _time = time;
        ScriptName = scriptName;
    }

    /// <summary>The name changes are reported under.</summary>
    public string ScriptName { get; set; }

    /// <summary>Told after the script enabled or disabled rules (family, rule indices, disabled), for the simulator to report.</summary>
    public Action<IpFamily, IReadOnlyList<int>, bool>? RulesChanged { get; set; }

    /// <summary>How far <c>:delay</c> has moved this run's clock past the engine's.</summary>
    public TimeSpan Delayed => _delayed;

    public DateTimeOffset Now => _time.GetUtcNow() + _delayed;

    public IReadOnlyList<ScriptListEntry> GetEntries(IpFamily family) => _firewall.GetEntries(family);

    public ScriptListEntry? GetEntry(IpFamily family, long id) => _firewall.GetEntry(family, id);

    public long AddEntry(IpFamily family, ScriptListEntryRequest request) => _firewall.AddEntry(family, request, ScriptName);

    public void RemoveEntry(IpFamily family, long id) => _firewall.RemoveEntry(family, id, ScriptName);

    public void SetEntry(IpFamily family, long id, ScriptListEntryUpdate update) => _firewall.SetEntry(family, id, update, ScriptName);

    public IReadOnlyList<FilterRule> GetRules(IpFamily family)
    {
        EquatableArray<FilterRule> rules = family == IpFamily.V6 ? _config.Ipv6Filter : _config.Ipv4Filter;
        var result = new FilterRule[rules.Count];
        for (int i = 0; i < result.Length; i++)
        {
            bool disabled = _firewall.IsRuleDisabled(family, i);
            result[i] = rules[i].Disabled == disabled ? rules[i] : rules[i] with { Disabled = disabled };
        }

        return result;
    }

    public void SetRulesDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled)
    {
        _firewall.SetRulesDisabled(family, indices, disabled);
        RulesChanged?.Invoke(family, [.. indices], disabled);
    }

    public bool Delay(TimeSpan duration, CancellationToken cancellation)
    {
        if (duration > TimeSpan.Zero)
        {
            _delayed += duration;
        }

        return !cancellation.IsCancellationRequested;
    }
}
