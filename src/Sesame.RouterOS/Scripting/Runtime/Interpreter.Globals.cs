using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;
using Sesame.Scripting;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>The global commands (MikroTik "Scripting", global commands and loops and conditional statements).</summary>
internal sealed partial class Interpreter
{
    private static readonly string[] VariableArguments = ["do"];
    private static readonly string[] IfArguments = ["do", "else"];
    private static readonly string[] ForeachArguments = ["in", "do"];
    private static readonly string[] ForArguments = ["from", "to", "step", "do"];
    private static readonly string[] WhileArguments = ["do"];
    private static readonly string[] DoArguments = ["do", "while", "on-error"];
    private static readonly string[] OnErrorArguments = ["in", "do"];
    private static readonly string[] NoArguments = [];

    /// <summary>The global commands Sesame runs; ScriptLinter reports the others.</summary>
    public static readonly HashSet<string> GlobalCommands = new(StringComparer.Ordinal)
    {
        "local", "global", "set", "if", "foreach", "for", "while", "do", "return", "error", "log", "put", "len", "pick",
        "find", "typeof", "tostr", "tonum", "toip", "toip6", "totime", "tobool", "toarray", "delay", "nothing", "onerror",
    };

    private RosValue ExecGlobal(Statement s, Scope scope)
    {
        switch (s.Name)
        {
            case "local":
                return Declare(s, scope, false);
            case "global":
                return Declare(s, scope, true);
            case "set":
                return SetVariable(s, scope);
            case "if":
                return If(s, scope);
            case "foreach":
                return Foreach(s, scope);
            case "for":
                return For(s, scope);
            case "while":
                return While(s, scope);
            case "do":
                return Do(s, scope);
            case "onerror":
                return OnError(s, scope);
            case "return":
                _returnValue = Value(s, 0, scope);
                _returning = true;
                return _returnValue;
            case "error":
                throw Fail(s.Position, RosOps.ToStr(Value(s, 0, scope)));
            case "log":
                return Log(s, Value(s, 0, scope), Value(s, 1, scope));
            case "put":
                Write("put", RosOps.ToStr(Value(s, 0, scope)));
                return RosNothing.Instance;
            case "len":
                return new RosNum(RosOps.Length(Value(s, 0, scope)));
            case "pick":
                return RosOps.Pick(Value(s, 0, scope), Number(Value(s, 1, scope), At(s, 1)), Positional(s, 2) is null ? null : Number(Value(s, 2, scope), At(s, 2)));
            case "find":
                return RosOps.Find(Value(s, 0, scope), Value(s, 1, scope), Positional(s, 2) is null ? null : Number(Value(s, 2, scope), At(s, 2)));
            case "typeof":
                return new RosStr(Value(s, 0, scope).TypeName);
            case "tostr":
                return new RosStr(RosOps.ToStr(Value(s, 0, scope)));
            case "tonum":
                return RosOps.ToNum(Value(s, 0, scope));
            case "toip":
                return RosOps.ToIp(Value(s, 0, scope));
            case "toip6":
                return RosOps.ToIp6(Value(s, 0, scope));
            case "totime":
                return RosOps.ToTime(Value(s, 0, scope));
            case "tobool":
                return RosOps.ToBool(Value(s, 0, scope));
            case "toarray":
                return RosOps.ToArray(Value(s, 0, scope));
            case "delay":
                return Delay(s, scope);
            case "nothing":
                return RosNothing.Instance;
            default:
                throw Fail(s.Position, NotSupported($":{s.Name}"));
        }
    }

    private RosValue Value(Statement s, int index, Scope scope) =>
        Positional(s, index) is Expr e ? Eval(e, scope) : RosNothing.Instance;

    private long Number(RosValue value, int position) =>
        RosOps.ToNum(value) is RosNum n ? n.Value : throw Fail(position, $"expected a number, got {value.TypeName}");

    /// <summary>Where the <paramref name="index"/>-th unnamed argument is written, or the statement when it has none.</summary>
    private static int At(Statement s, int index) => Positional(s, index)?.Position ?? s.Position;

    /// <summary><c>:local x [value]</c>, <c>:global x [value]</c>, <c>:local f do={…}</c>.</summary>
    private RosValue Declare(Statement s, Scope scope, bool global)
    {
        string name = VariableName(s, 0);
        Expr? valueExpr = Positional(s, 1) ?? Named(s, "do", VariableArguments);
        RosValue value = valueExpr is null ? RosNothing.Instance : Own(Eval(valueExpr, scope));
        if (global)
        {
            scope.Declare(name, new Slot(RosNothing.Instance, true));
            if (valueExpr is not null || !_runner.HasGlobal(name))
            {
                _runner.SetGlobal(name, value);
            }
        }
        else
        {
            scope.Declare(name, new Slot(value, false));
        }

        return RosNothing.Instance;
    }

    /// <summary>Arrays are values: a variable gets its own copy (RosArray), so changing one does not change another.</summary>
    private static RosValue Own(RosValue value) => value is RosArray array ? array.Copy() : value;

    /// <summary><c>:set x value</c>, <c>:set x</c> (to nothing), <c>:set ($a-&gt;"k") value</c>.</summary>
    private RosValue SetVariable(Statement s, Scope scope)
    {
        Expr? target = Positional(s, 0);
        RosValue value = Positional(s, 1) is Expr e ? Own(Eval(e, scope)) : RosNothing.Instance;
        if (target is IndexExpr { Target: VariableExpr arrayVariable } index)
        {
            RosValue current = Lookup(arrayVariable.Name, scope);
            RosArray array = current is RosArray a ? a : new RosArray();
            array.Set(Eval(index.Key, scope), value);
            Assign(arrayVariable.Name, array, scope, s);
            return RosNothing.Instance;
        }

        Assign(VariableName(s, 0), value, scope, s);
        return RosNothing.Instance;
    }

    private void Assign(string name, RosValue value, Scope scope, Statement s)
    {
        Slot slot = scope.Find(name) ?? throw Fail(s.Position, $"no such variable '{name}' (declare it with :local or :global)");
        if (slot.Global)
        {
            _runner.SetGlobal(name, value);
        }
        else
        {
            slot.Value = value;
        }
    }

    private RosValue If(Statement s, Scope scope)
    {
        Expr condition = Positional(s, 0) ?? throw Fail(s.Position, ":if needs a condition");
        Expr? then = Named(s, "do", IfArguments);
        Expr? otherwise = Named(s, "else", IfArguments);
        Expr? branch = Truth(condition, scope) ? then : otherwise;
        return branch is null ? RosNothing.Instance : RunCode(branch, scope);
    }

    /// <summary>Runs a <c>do=</c>/<c>else=</c> value: a code block, or code in a variable.</summary>
    private RosValue RunCode(Expr code, Scope scope)
    {
        if (code is CodeExpr block)
        {
            return ExecNested(block.Body, scope, block.Position);
        }

        RosValue value = Eval(code, scope);
        if (value is RosCode function)
        {
            return ExecNested(function.Body, scope, code.Position);
        }

        throw Fail(code.Position, $"expected code, got {value.TypeName}");
    }

    /// <summary><c>:foreach x in=$array do={…}</c>; <c>:foreach k,v in=…</c> also names the key. A value that is not an array runs once.</summary>
    private RosValue Foreach(Statement s, Scope scope)
    {
        string name = VariableName(s, 0);
        string? keyName = null;
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            keyName = name[..comma];
            name = name[(comma + 1)..];
        }

        Expr source = Named(s, "in", ForeachArguments) ?? throw Fail(s.Position, ":foreach needs in=");
        CodeExpr body = Named(s, "do", ForeachArguments) as CodeExpr ?? throw Fail(s.Position, ":foreach needs do={…}");
        RosValue items = Eval(source, scope);
        IReadOnlyList<KeyValuePair<string?, RosValue>> list = items is RosArray array
            ? [.. array.Items]
            : items is RosNothing ? [] : [new(null, items)];
        long position = 0;
        foreach (KeyValuePair<string?, RosValue> item in list)
        {
            Count(s.Position);
            var inner = new Scope(scope);
            inner.Declare(name, new Slot(item.Value, false));
            if (keyName is not null)
            {
                inner.Declare(keyName, new Slot(item.Key is null ? new RosNum(position) : new RosStr(item.Key), false));
            }

            position++;
            RunBody(body, inner);
            if (_returning)
            {
                return _returnValue;
            }
        }

        return RosNothing.Instance;
    }

    /// <summary>A loop body in the loop's own scope (the loop variable), one level deeper.</summary>
    private void RunBody(CodeExpr body, Scope loopScope)
    {
        Enter(body.Position);
        try
        {
            ExecBlock(body.Body, new Scope(loopScope));
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary><c>:for i from=1 to=10 step=1 do={…}</c>: both ends included; the step defaults to 1, or -1 when counting down.</summary>
    private RosValue For(Statement s, Scope scope)
    {
        string name = VariableName(s, 0);
        Expr? fromExpr = Named(s, "from", ForArguments);
        Expr toExpr = Named(s, "to", ForArguments) ?? throw Fail(s.Position, ":for needs to=");
        long from = Number(fromExpr is null ? new RosNum(0) : Eval(fromExpr, scope), fromExpr?.Position ?? s.Position);
        long to = Number(Eval(toExpr, scope), toExpr.Position);
        long step = Named(s, "step", ForArguments) is Expr st ? Number(Eval(st, scope), st.Position) : from <= to ? 1 : -1;
        CodeExpr body = Named(s, "do", ForArguments) as CodeExpr ?? throw Fail(s.Position, ":for needs do={…}");
        for (long i = from; step >= 0 ? i <= to : i >= to; i += step)
        {
            Count(s.Position);
            var inner = new Scope(scope);
            inner.Declare(name, new Slot(new RosNum(i), false));
            RunBody(body, inner);
            if (_returning)
            {
                return _returnValue;
            }
        }

        return RosNothing.Instance;
    }

    private RosValue While(Statement s, Scope scope)
    {
        Expr condition = Positional(s, 0) ?? throw Fail(s.Position, ":while needs a condition");
        CodeExpr body = Named(s, "do", WhileArguments) as CodeExpr ?? throw Fail(s.Position, ":while needs do={…}");
        while (Truth(condition, scope))
        {
            Count(s.Position);
            RunBody(body, scope);
            if (_returning)
            {
                return _returnValue;
            }
        }

        return RosNothing.Instance;
    }

    /// <summary><c>:do {…}</c>, <c>:do {…} while=(…)</c> (the body runs first), <c>:do {…} on-error={…}</c>.</summary>
    private RosValue Do(Statement s, Scope scope)
    {
        Expr body = Positional(s, 0) ?? Named(s, "do", DoArguments) ?? throw Fail(s.Position, ":do needs a body");
        Expr? condition = Named(s, "while", DoArguments);
        Expr? onError = Named(s, "on-error", DoArguments);
        if (onError is not null)
        {
            int depth = _depth;
            string menu = _menu;
            try
            {
                return RunCode(body, scope);
            }
            catch (ScriptError e) when (e.Catchable)
            {
                _depth = depth;
                _menu = menu;
                return RunCode(onError, scope);
            }
        }

        if (condition is null)
        {
            return RunCode(body, scope);
        }

        do
        {
            Count(s.Position);
            RunCode(body, scope);
            if (_returning)
            {
                return _returnValue;
            }
        }
        while (Truth(condition, scope));
        return RosNothing.Instance;
    }

    /// <summary><c>:onerror e in={…} do={…}</c> (RouterOS 7.13): runs do= with the error's message in $e; true when there was one.</summary>
    private RosValue OnError(Statement s, Scope scope)
    {
        string name = VariableName(s, 0);
        Expr body = Named(s, "in", OnErrorArguments) ?? throw Fail(s.Position, ":onerror needs in={…}");
        Expr? handler = Named(s, "do", OnErrorArguments);
        int depth = _depth;
        string menu = _menu;
        try
        {
            RunCode(body, scope);
            return RosBool.False;
        }
        catch (ScriptError e) when (e.Catchable)
        {
            _depth = depth;
            _menu = menu;
            var inner = new Scope(scope);
            inner.Declare(name, new Slot(new RosStr(e.Message), false));
            if (handler is not null)
            {
                RunCode(handler, inner);
            }

            return RosBool.True;
        }
    }

    private RosValue Log(Statement s, RosValue topic, RosValue message)
    {
        string level = RosOps.ToStr(topic);
        if (level is not ("info" or "warning" or "error" or "debug"))
        {
            throw Fail(s.Position, $":log {level}: expected info, warning, error or debug");
        }

        Write(level, RosOps.ToStr(message));
        return RosNothing.Instance;
    }

    private void Write(string topic, string message) =>
        _log.Write(new ScriptLogEntry(_host.Now, topic, _script, message));

    /// <summary><c>:delay 5s</c>: the host lets the time pass; all delays of a run together are bounded.</summary>
    private RosValue Delay(Statement s, Scope scope)
    {
        RosValue value = Positional(s, 0) is Expr e ? Eval(e, scope) : new RosTime(TimeSpan.FromSeconds(1));
        TimeSpan duration = RosOps.ToTime(value) is RosTime t ? t.Value : throw Fail(At(s, 0), $":delay expects a time, got '{RosOps.ToStr(value)}'");
        if (duration < TimeSpan.Zero)
        {
            throw Fail(At(s, 0), ":delay expects a positive time");
        }

        if (duration > ScriptLimits.MaxTotalDelay - _delayed)
        {
            throw Fail(s.Position, $"the run's :delays add up to more than {ScriptLimits.MaxTotalDelay.TotalHours:0} hour; the run is stopped", false);
        }

        _delayed += duration;
        if (!_host.Delay(duration, _cancellation))
        {
            throw Fail(s.Position, "the run was cancelled during :delay", false);
        }

        return RosNothing.Instance;
    }
}
