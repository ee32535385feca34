using Sesame.Linux.Nftables;
using Sesame.Linux.Scripting;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The ruleset the daemon serves as it is now: the configuration with each rule's <see cref="FilterRule.Disabled"/> as
/// scripts left it, its compilation, and the rules read back after the last verified apply. Everything that checks or
/// repairs the table (<see cref="SesameDaemon.Verify"/>, the table guard) reads it here, so a script's
/// <c>filter enable|disable</c> is what the guard keeps, not what it puts back.
/// </summary>
/// <remarks>
/// Thread-safe: the daemon's thread, the guard's and the script worker's share it. Changes to the table by any of them
/// happen under <see cref="Lock"/>, so a repair never re-applies a ruleset that a script has just replaced.
/// </remarks>
internal sealed class LiveRules(FirewallConfig config, NftCompilerOptions options)
{
    private volatile State _state = new(config, NftCompiler.Compile(config, options), [], new ListRoles(config));

    /// <summary>Held by whoever changes the table's chains: the daemon (start, emptying a full set), the guard, a script.</summary>
    public Lock Lock { get; } = new();

    public FirewallConfig Config => _state.Config;

    /// <summary>The lists' roles as the enabled rules give them (a script that enables a blacklist drop makes its list one).</summary>
    public ListRoles Roles => _state.Roles;

    public NftCompilation Compilation => _state.Compilation;

    /// <summary>The configuration and its lists' roles, read together (another thread may replace them).</summary>
    public (FirewallConfig Config, ListRoles Roles) ConfigAndRoles()
    {
        State state = _state;
        return (state.Config, state.Roles);
    }

    /// <summary>The compilation and its baseline, read together.</summary>
    public (NftCompilation Compilation, IReadOnlyList<string> Baseline) Current()
    {
        State state = _state;
        return (state.Compilation, state.Baseline);
    }

    /// <summary>The chains and rules as read back after the last verified apply (<see cref="NftContext.Snapshot"/>).</summary>
    public IReadOnlyList<string> Baseline
    {
        get => _state.Baseline;
        set => _state = _state with { Baseline = value };
    }

    /// <summary>
    /// Enables or disables rules of <paramref name="family"/> in one transaction through <paramref name="nft"/> (the
    /// calling thread's context): recompiles with the flags flipped and replaces only the chains whose rules changed,
    /// keeping every set and its elements; then reads the table back.
    /// </summary>
    /// <exception cref="ScriptHostException">An index is not a rule, or the kernel refused (nothing changed).</exception>
    public void SetDisabled(NftContext nft, IpFamily family, IReadOnlyList<int> indices, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(nft);
        ArgumentNullException.ThrowIfNull(indices);
        lock (Lock)
        {
            State current = _state;
            EquatableArray<FilterRule> rules = family == IpFamily.V4 ? current.Config.Ipv4Filter : current.Config.Ipv6Filter;
            FilterRule[] changed = [.. rules];
            foreach (int index in indices)
            {
                if ((uint)index >= (uint)changed.Length)
                {
                    throw new ScriptHostException("no such item");
                }

                changed[index] = changed[index] with { Disabled = disabled };
            }

            EquatableArray<FilterRule> array = EquatableArray.Create<FilterRule>(changed);
            if (array.Equals(rules))
            {
                return;
            }

            FirewallConfig next = family == IpFamily.V4 ? current.Config with { Ipv4Filter = array } : current.Config with { Ipv6Filter = array };
            NftCompilation compilation;
            try
            {
                compilation = NftCompiler.Compile(next, options);
                nft.Apply(Transition(current.Compilation.Ruleset, compilation.Ruleset));
            }
            catch (NftException e)
            {
                throw new ScriptHostException("kernel: " + e.Message.Split('\n', 2)[0], e);
            }

            // Applied: from now on this is the ruleset the daemon serves, whatever the read-back says.
            bool same = nft.Verify(compilation.Ruleset, out IReadOnlyList<string> differences);
            _state = new State(next, compilation, nft.Snapshot(), new ListRoles(next));
            if (!same)
            {
                throw new ScriptHostException("the table read back differs from the ruleset: " + string.Join("; ", differences.Take(3)));
            }
        }
    }

    /// <summary>The compiler's options: a reload compiles its new configuration with the same ones.</summary>
    public NftCompilerOptions Options => options;

    /// <summary>
    /// After a reload's transaction (under <see cref="Lock"/>, on the thread that applied it): from now on the daemon
    /// serves <paramref name="config"/>, compiled as <paramref name="compilation"/>, read back as <paramref name="baseline"/>.
    /// </summary>
    public void Replace(FirewallConfig config, NftCompilation compilation, IReadOnlyList<string> baseline) =>
        _state = new State(config, compilation, baseline, new ListRoles(config));

    /// <summary>An <see cref="IFilterRuleSwitch"/> for a script host on the thread that owns <paramref name="nft"/>.</summary>
    public IFilterRuleSwitch Switch(NftContext nft) => new RuleSwitch(this, nft);

    /// <summary>
    /// The transaction that takes the table from <paramref name="current"/> to <paramref name="next"/>: the declarations
    /// of <paramref name="next"/> (table, chains, sets, counters: no-ops for what exists, so every set keeps its elements),
    /// and the flush and rules of each chain whose rules differ, and the refill of each static set whose elements differ.
    /// Chains that did not change keep their rules (and the state of their <c>limit</c>s).
    /// </summary>
    internal static NftRuleset Transition(NftRuleset current, NftRuleset next)
    {
        HashSet<string> chains = [.. current.Chains.Concat(next.Chains).Select(c => NftJson.Str(c["name"]) ?? "")
            .Where(name => RulesText(current, name) != RulesText(next, name))];
        HashSet<string> sets = [.. next.JsonCommands.Where(c => c.Kind == "element" || c is { Verb: "flush", Kind: "set" })
            .Select(c => c.Field("name") ?? "")
            .Where(name => SetText(current, name) != SetText(next, name))];
        var commands = new List<NftCommand>();
        foreach (NftCommand command in next.JsonCommands)
        {
            bool keep = command switch
            {
                { Verb: "add", Kind: "table" or "chain" or "set" or "counter" } => true,
                { Kind: "rule" } or { Verb: "flush", Kind: "chain" } => chains.Contains(command.Field(command.Kind == "rule" ? "chain" : "name") ?? ""),
                { Kind: "element" } or { Verb: "flush", Kind: "set" } => sets.Contains(command.Field("name") ?? ""),
                _ => true,
            };
            if (keep)
            {
                commands.Add(command);
            }
        }

        return new NftRuleset(commands);
    }

    private static string RulesText(NftRuleset ruleset, string chain) =>
        string.Join('\n', ruleset.Rules(chain).Select(r => r.ToJsonString()));

    private static string SetText(NftRuleset ruleset, string set) =>
        string.Join('\n', ruleset.JsonCommands
            .Where(c => (c.Kind == "element" || c is { Verb: "flush", Kind: "set" }) && c.Field("name") == set)
            .Select(c => c.ToJson().ToJsonString()));

    private sealed record State(FirewallConfig Config, NftCompilation Compilation, IReadOnlyList<string> Baseline, ListRoles Roles);

    private sealed class RuleSwitch(LiveRules rules, NftContext nft) : IFilterRuleSwitch
    {
        public IReadOnlyList<FilterRule> GetRules(IpFamily family) =>
            family == IpFamily.V4 ? rules.Config.Ipv4Filter : rules.Config.Ipv6Filter;

        public void SetDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled) => rules.SetDisabled(nft, family, indices, disabled);
    }
}
