using Sesame.Model;
using Sesame.Net;

namespace Sesame.Scripting;

/// <summary>
/// What a running RouterOS script reaches on the router: the address lists and filter rules of both families, the clock
/// and <c>:delay</c>. The engine implements it for <c>simulate</c> (virtual time), the daemon for <c>serve</c> (the
/// kernel's sets). The interpreter speaks RouterOS; a host only sees values.
/// </summary>
/// <remarks>
/// A host method that cannot do what it is asked throws <see cref="ScriptHostException"/> with the message RouterOS
/// would print (<c>failure: already have such entry</c>, <c>no such item</c>); the interpreter turns it into a runtime
/// error of the script, which <c>:do … on-error=</c> can catch.
/// </remarks>
public interface IScriptHost
{
    /// <summary>The time now, as the script sees it (virtual in <c>simulate</c>, advanced by <see cref="Delay"/>).</summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// The family's address-list entries now, in print order (the order they were added), expired entries left out.
    /// Ids are stable for an entry's life within this host.
    /// </summary>
    IReadOnlyList<ScriptListEntry> GetEntries(IpFamily family);

    /// <summary>The entry with <paramref name="id"/>, or null when there is none (removed, expired, never was).</summary>
    ScriptListEntry? GetEntry(IpFamily family, long id);

    /// <summary>Adds an entry as <c>/ip firewall address-list add</c> does; returns its id.</summary>
    /// <exception cref="ScriptHostException"><c>failure: already have such entry</c>, or a list the host cannot hold.</exception>
    long AddEntry(IpFamily family, ScriptListEntryRequest request);

    /// <summary>Removes the entry; throws <see cref="ScriptHostException"/> (<c>no such item</c>) when it is not there.</summary>
    void RemoveEntry(IpFamily family, long id);

    /// <summary>Changes the given fields of the entry (<c>set</c>); throws <see cref="ScriptHostException"/> when it is not there.</summary>
    void SetEntry(IpFamily family, long id, ScriptListEntryUpdate update);

    /// <summary>The family's filter rules in order, with <see cref="FilterRule.Disabled"/> as it is now.</summary>
    IReadOnlyList<FilterRule> GetRules(IpFamily family);

    /// <summary>Enables or disables the rules at <paramref name="indices"/> (indices into <see cref="GetRules"/>) in one step.</summary>
    void SetRulesDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled);

    /// <summary>
    /// <c>:delay</c>: lets <paramref name="duration"/> pass for the script. The daemon sleeps (returns false when it is
    /// stopping, which ends the run); the simulator moves the script's clock on.
    /// </summary>
    bool Delay(TimeSpan duration, CancellationToken cancellation);
}
