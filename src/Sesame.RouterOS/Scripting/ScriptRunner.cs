using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Sesame.Model;
using Sesame.RouterOS.Scripting.Parsing;
using Sesame.RouterOS.Scripting.Runtime;
using Sesame.RouterOS.Scripting.Values;
using Sesame.Scripting;

namespace Sesame.RouterOS.Scripting;

/// <summary>
/// One engine for a configuration's scripts (<see cref="IScriptRunner"/>): each script is parsed once, on its first
/// run; <c>:global</c>s persist between runs. Runs are serialised (a scheduler and <c>sesame run</c> may overlap in the
/// daemon), as RouterOS runs one script's statements at a time per engine.
/// </summary>
internal sealed class ScriptRunner : IScriptRunner
{
    /// <summary>On-event code held by schedulers is parsed once too; the cache is bounded against hostile variety.</summary>
    private const int MaxCachedCode = 256;

    private readonly Dictionary<string, SystemScript> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ParsedCode> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ParsedCode> _code = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Regex> _regexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RosValue> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SystemScheduler> _schedulers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ScriptRunner(FirewallConfig config)
    {
        var names = new List<string>();
        foreach (SystemScript script in config.Scripts)
        {
            if (_scripts.TryAdd(script.Name, script))
            {
                names.Add(script.Name);
            }
        }

        ScriptNames = names;
        foreach (SystemScheduler scheduler in config.Schedulers)
        {
            _schedulers.TryAdd(scheduler.Name, scheduler);
        }
    }

    public IReadOnlyList<string> ScriptNames { get; }

    public ScriptRunResult Run(ScriptInvocation invocation, IScriptHost host, IScriptLog log, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(log);
        lock (_gate)
        {
            string name = invocation.DisplayName;
            ParsedCode? code = invocation.Script is string script ? GetScript(script) : invocation.Code is string text ? GetCode(text, invocation.Scheduler) : null;
            if (code is null)
            {
                string message = invocation.Script is null ? $"script {name}: nothing to run" : $"script {name}: no such script";
                log.Write(new ScriptLogEntry(host.Now, "script,error", name, message));
                return new ScriptRunResult(false, message, 0);
            }

            var interpreter = new Interpreter(this, host, log, cancellation, code, name);
            try
            {
                interpreter.RunRoot();
                return new ScriptRunResult(true, null, interpreter.Statements);
            }
            catch (ScriptError e)
            {
                string message = e.Describe();
                log.Write(new ScriptLogEntry(host.Now, "script,error", e.Script, message));
                return new ScriptRunResult(false, message, interpreter.Statements);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A host failing in a way it did not describe (not a ScriptHostException), or a fault of the interpreter:
                // the run ends as failed, and the caller (the daemon, the simulator) goes on.
                string message = $"script {name}: the run failed: {e.GetType().Name}: {e.Message}";
                log.Write(new ScriptLogEntry(host.Now, "script,error", name, message));
                return new ScriptRunResult(false, message, interpreter.Statements);
            }
        }
    }

    /// <summary>The parsed script named <paramref name="name"/>, or null when the configuration has none.</summary>
    /// <remarks>Its errors name the place in the configuration file where the source is written (ScriptError.Describe).</remarks>
    public ParsedCode? GetScript(string name) =>
        _scripts.TryGetValue(name, out SystemScript? script)
            ? _parsed.GetOrAdd(name, _ => WithOrigin(CodeParser.Parse(script.Source), script.SourceLocation, script.SourceVerbatim))
            : null;

    /// <summary>On-event code: when it is the named scheduler's own on-event, its errors name that place in the file.</summary>
    private ParsedCode GetCode(string text, string? schedulerName)
    {
        SystemScheduler? scheduler = schedulerName is not null && _schedulers.TryGetValue(schedulerName, out SystemScheduler? s)
            && s.Properties.AsImmutableArray().FirstOrDefault(p => p.Name == "on-event").Value is string onEvent
            && string.Equals(onEvent.Trim(), text.Trim(), StringComparison.Ordinal)
            ? s
            : null;
        string key = scheduler is null ? text : $"{scheduler.Name}\0{text}";
        if (_code.TryGetValue(key, out ParsedCode? parsed))
        {
            return parsed;
        }

        parsed = CodeParser.Parse(text);
        if (scheduler is not null && string.Equals(scheduler.Properties.AsImmutableArray().First(p => p.Name == "on-event").Value, text, StringComparison.Ordinal))
        {
            WithOrigin(parsed, scheduler.OnEventLocation, scheduler.OnEventVerbatim);
        }
        else if (scheduler is not null)
        {
            // The text differs from the file's (trimmed): only where it starts is known.
            WithOrigin(parsed, scheduler.OnEventLocation, false);
        }

        if (_code.Count < MaxCachedCode)
        {
            _code.TryAdd(key, parsed);
        }

        return parsed;
    }

    private static ParsedCode WithOrigin(ParsedCode code, Sesame.Diagnostics.SourceLocation start, bool verbatim)
    {
        code.Origin = (start, verbatim);
        return code;
    }

    public Regex GetRegex(string pattern, TimeSpan timeout)
    {
        if (_regexes.TryGetValue(pattern, out Regex? regex))
        {
            return regex;
        }

        regex = new Regex(pattern, RegexOptions.CultureInvariant, timeout);
        if (_regexes.Count < MaxCachedCode)
        {
            _regexes.TryAdd(pattern, regex);
        }

        return regex;
    }

    public RosValue GetGlobal(string name) => _globals.TryGetValue(name, out RosValue? value) ? value : RosNothing.Instance;

    public bool HasGlobal(string name) => _globals.ContainsKey(name);

    public void SetGlobal(string name, RosValue value) => _globals[name] = value;
}
