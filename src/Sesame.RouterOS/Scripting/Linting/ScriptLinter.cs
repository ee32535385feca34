using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Parsing;

namespace Sesame.RouterOS.Scripting.Linting;

/// <summary>
/// What <c>check</c> says about scripts and schedulers (issue 10, item 5): syntax errors (errors: the script will not
/// run at all); and as warnings, commands that will not run in Sesame, unknown variables, a <c>run</c> of a missing
/// script, a list read that nothing fills, a script that can never finish or that runs itself.
/// </summary>
internal static partial class ScriptLinter
{
    public static IReadOnlyList<Diagnostic> Lint(FirewallConfig config) => Analyse(config).Diagnostics.Items;

    /// <summary>The lists something fills (rules, entries, and scripts' <c>add list=…</c> with a constant name).</summary>
    public static IReadOnlySet<(IpFamily Family, string List)> FilledLists(FirewallConfig config) => Analyse(config).Filled;

    private static LintContext Analyse(FirewallConfig config)
    {
        var sources = new List<LintSource>();
        var scriptNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (SystemScript script in config.Scripts)
        {
            scriptNames.Add(script.Name);
            sources.Add(new LintSource(script.Name, "script", CodeParser.Parse(script.Source), script.SourceLocation, script.SourceVerbatim, script.Location));
        }

        foreach (SystemScheduler scheduler in config.Schedulers)
        {
            string? onEvent = scheduler.Properties.AsImmutableArray().FirstOrDefault(p => p.Name == "on-event").Value;
            // A lone word that names no script is reported by the builder (SES0311); anything else is code.
            if (string.IsNullOrWhiteSpace(onEvent) || scriptNames.Contains(onEvent.Trim()) || IsLoneWord(onEvent))
            {
                continue;
            }

            sources.Add(new LintSource(scheduler.Name, "scheduler", CodeParser.Parse(onEvent), scheduler.OnEventLocation, scheduler.OnEventVerbatim, scheduler.Location));
        }

        var context = new LintContext(config, scriptNames);
        var walkers = new List<LintWalker>();
        foreach (LintSource source in sources)
        {
            var walker = new LintWalker(source, context);
            walker.Walk();
            walkers.Add(walker);
        }

        foreach (LintWalker walker in walkers)
        {
            walker.ReportLists();
        }

        ReportCycles(context);
        return context;
    }

    private static bool IsLoneWord(string text) =>
        text[0] is not (':' or '/') && !text.Any(c => char.IsWhiteSpace(c) || c is ';' or '[' or '{' or '(' or '$' or '"' or '=');

    /// <summary>A script that runs itself, directly or through others, never finishes (the depth bound stops it).</summary>
    private static void ReportCycles(LintContext context)
    {
        foreach ((string script, List<(string Target, LintSource Source, int Position)> runs) in context.Runs)
        {
            foreach ((string target, LintSource source, int position) in runs)
            {
                if (source.Kind == "script" && Reaches(context, target, script, []))
                {
                    (SourceLocation location, string suffix) = source.Locate(position);
                    string how = target == script ? "runs itself" : $"runs '{target}', which runs '{script}' again";
                    context.Diagnostics.Warning(location, ScriptCodes.RunsItself,
                        $"script {script}: {how}; the run can never finish (Sesame stops it at {Runtime.ScriptLimits.MaxDepth} levels){suffix}");
                }
            }
        }
    }

    private static bool Reaches(LintContext context, string from, string to, HashSet<string> seen)
    {
        if (from == to)
        {
            return true;
        }

        if (!seen.Add(from) || !context.Runs.TryGetValue(from, out var runs))
        {
            return false;
        }

        return runs.Any(r => Reaches(context, r.Target, to, seen));
    }
}
