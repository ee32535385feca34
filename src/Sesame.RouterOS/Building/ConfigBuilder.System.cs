using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS.Console;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Building;

internal sealed partial class ConfigBuilder
{
    /// <summary><c>/system script</c> (ROUTEROS.md §1.12): the source is kept as text; the other properties raw, after checking their values.</summary>
    private SystemScript? BuildScript(MenuItem item)
    {
        if (Required(item, "name", "/system script") is not string name || !UniqueName(item, _scripts, name))
        {
            return null;
        }

        CheckBool(item, "dont-require-permissions");
        CheckPolicy(item);
        (SourceLocation start, bool verbatim) = item.Get("source") is ItemProperty source ? source.TextStart : (SourceLocation.None, false);
        return new SystemScript(name, item.ValueOf("source") ?? "", Raw(item, "name", "source"))
        {
            Location = item.Location,
            SourceLocation = start,
            SourceVerbatim = verbatim,
        };
    }

    /// <summary><c>/system scheduler</c> (ROUTEROS.md §1.12, MT-SCHED): values checked, kept raw.</summary>
    private SystemScheduler? BuildScheduler(MenuItem item)
    {
        if (Required(item, "name", "/system scheduler") is not string name)
        {
            return null;
        }

        CheckBool(item, "disabled");
        CheckPolicy(item);
        if (item.Get("interval") is ItemProperty interval && !RouterOsTime.TryParse(interval.Value, out _, out string error))
        {
            Invalid(interval, error);
        }

        if (item.Get("start-time") is ItemProperty time && !ValueParsers.IsStartTime(time.Value))
        {
            Invalid(time, $"'{time.Value}' is not 'startup' or a time of day (hh:mm:ss)");
        }

        if (item.Get("start-date") is ItemProperty date && !ValueParsers.IsStartDate(date.Value))
        {
            Invalid(date, $"'{date.Value}' is not a date (2026-01-31, or jan/31/2026 before RouterOS 7.10)");
        }

        if (item.Get("on-event") is ItemProperty onEvent && IsScriptName(onEvent.Value) && !_scripts.Contains(onEvent.Value))
        {
            // MT-SCRIPT: on-event is a script's name or code; a lone word that names no script is run as a command.
            _diagnostics.Warning(onEvent.ValueLocation, DiagnosticCodes.OnEventNamesNoScript,
                $"on-event={onEvent.Value}: no /system script is named '{onEvent.Value}', so RouterOS would run it as a command");
        }

        (SourceLocation onEventStart, bool onEventVerbatim) = item.Get("on-event") is ItemProperty code ? code.TextStart : (SourceLocation.None, false);
        return new SystemScheduler(name, Raw(item, "name"))
        {
            Location = item.Location,
            OnEventLocation = onEventStart,
            OnEventVerbatim = onEventVerbatim,
        };
    }

    /// <summary>A single word that reads as a name rather than code (<c>:log …</c>, <c>/ip …</c>, <c>{ … }</c>).</summary>
    private static bool IsScriptName(string text) =>
        text.Length > 0 && text[0] is not (':' or '/') && !text.Any(c => char.IsWhiteSpace(c) || c is ';' or '[' or '{' or '(' or '$' or '"' or '=');

    private void CheckBool(MenuItem item, string property)
    {
        if (item.Get(property) is ItemProperty p && !ValueParsers.TryParseBool(p.Value, out _, out string error))
        {
            Invalid(p, error);
        }
    }

    private void CheckPolicy(MenuItem item)
    {
        if (item.Get("policy") is ItemProperty p && !ValueParsers.TryParsePolicy(p.Value, out string error))
        {
            Invalid(p, error);
        }
    }
}
