using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Scripting;
using Sesame.RouterOS.Scripting.Linting;
using Sesame.Scripting;

namespace Sesame.RouterOS;

/// <summary>Runs and checks a configuration's <c>/system script</c>s and scheduler code (the RouterOS scripting language).</summary>
public static class RouterOsScripts
{
    /// <summary>A runner for <paramref name="config"/>'s scripts: one engine, so <c>:global</c>s persist between its runs.</summary>
    public static IScriptRunner CreateRunner(FirewallConfig config) => new ScriptRunner(config ?? throw new ArgumentNullException(nameof(config)));

    /// <summary>
    /// What <c>check</c> says about the scripts and schedulers: syntax errors and commands that will not run, at their
    /// file:line:column inside the script's source; unknown variables; a missing script; lists nothing fills; a script
    /// that cannot finish.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Lint(FirewallConfig config) => ScriptLinter.Lint(config ?? throw new ArgumentNullException(nameof(config)));

    /// <summary>
    /// The address lists a script fills (<c>/ip firewall address-list add list=secured …</c>, the name a constant),
    /// with those the rules and entries fill: a rule matching <c>src-address-list=secured</c> is reachable when only
    /// the seed's grant script fills it (ConfigChecker's SES0501 must not say it never matches).
    /// </summary>
    public static IReadOnlySet<(IpFamily Family, string List)> FilledLists(FirewallConfig config) =>
        ScriptLinter.FilledLists(config ?? throw new ArgumentNullException(nameof(config)));
}
