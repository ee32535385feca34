using System.Runtime.CompilerServices;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Parsing;
using Sesame.RouterOS.Scripting.Values;
using Sesame.Scripting;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>
/// Runs one invocation (a script and the scripts it runs) against a host. Statements are walked on the parsed tree;
/// a runtime error becomes a <see cref="ScriptError"/> at the innermost statement, with that statement's position.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly ScriptRunner _runner;
    private readonly IScriptHost _host;
    private readonly IScriptLog _log;
    private readonly CancellationToken _cancellation;
    private long _statements;
    private int _depth;
    private TimeSpan _delayed;
    private ParsedCode _code;
    private string _script;
    private string _menu = "";
    private bool _returning;
    private RosValue _returnValue = RosNothing.Instance;

    public Interpreter(ScriptRunner runner, IScriptHost host, IScriptLog log, CancellationToken cancellation, ParsedCode code, string script)
    {
        _runner = runner;
        _host = host;
        _log = log;
        _cancellation = cancellation;
        _code = code;
        _script = script;
    }

    public long Statements => _statements;

    /// <summary>Runs a whole script in a fresh root scope.</summary>
    public void RunRoot()
    {
        if (_code.Errors.FirstOrDefault(e => !e.IsWarning) is CodeError syntax)
        {
            throw new ScriptError($"syntax error: {syntax.Message}", _script, _code, syntax.Position, catchable: false);
        }

        ExecBlock(_code.Body, new Scope(null));
        _returning = false;
    }

    private ScriptError Fail(int position, string message, bool catchable = true) => new(message, _script, _code, position, catchable);

    private RosValue ExecBlock(Block block, Scope scope)
    {
        RosValue last = RosNothing.Instance;
        IReadOnlyList<Statement> statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            last = Exec(statements[i], scope);
            if (_returning)
            {
                return _returnValue;
            }
        }

        return last;
    }

    /// <summary>Runs a code block one level deeper (bounded), in a new scope.</summary>
    private RosValue ExecNested(Block block, Scope parent, int position)
    {
        // The depth bound keeps runs far from the stack's end; this is the safety net for a small thread stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        Enter(position);
        try
        {
            return ExecBlock(block, new Scope(parent));
        }
        finally
        {
            _depth--;
        }
    }

    private void Enter(int position)
    {
        if (++_depth > ScriptLimits.MaxDepth)
        {
            _depth--;
            throw Fail(position, $"nesting deeper than {ScriptLimits.MaxDepth} levels (blocks, functions, /system script run); the run is stopped", false);
        }
    }

    private void Count(int position)
    {
        _statements++;
        if (_statements > ScriptLimits.MaxStatements)
        {
            throw Fail(position, $"more than {ScriptLimits.MaxStatements:N0} statements in one run; the run is stopped (a loop that does not end?)", false);
        }

        if (_statements % ScriptLimits.CancellationCheckInterval == 0 && _cancellation.IsCancellationRequested)
        {
            throw Fail(position, "the run was cancelled", false);
        }
    }

    private RosValue Exec(Statement statement, Scope scope)
    {
        Count(statement.Position);
        try
        {
            return statement.Kind switch
            {
                StatementKind.Global => ExecGlobal(statement, scope),
                StatementKind.Menu => ExecMenu(statement, scope),
                StatementKind.ChangeMenu => ChangeMenu(statement),
                StatementKind.Call => Call(statement, scope),
                _ => ExecNested(statement.Body!, scope, statement.Position),
            };
        }
        catch (RosScriptException e)
        {
            throw Fail(statement.Position, e.Message);
        }
        catch (ScriptHostException e)
        {
            // A host's refusal (already have such entry, no such item) points at the command's word.
            throw Fail(statement.CommandPosition, e.Message);
        }
        catch (InsufficientExecutionStackException)
        {
            throw Fail(statement.Position, "nesting too deep for the stack; the run is stopped", false);
        }
    }

    private RosValue ChangeMenu(Statement statement)
    {
        if (!statement.KnownPath)
        {
            throw Fail(statement.Position, NotSupported($"/{statement.Path}"));
        }

        _menu = statement.Path!;
        return RosNothing.Instance;
    }

    public static string NotSupported(string what) => $"{what} is not supported by Sesame";

    /// <summary><c>$f a=1 b</c>: named arguments become locals, unnamed ones <c>$1</c>, <c>$2</c> …, the name <c>$0</c>.</summary>
    private RosValue Call(Statement statement, Scope scope)
    {
        RosValue target = Lookup(statement.Name, scope);
        if (target is not RosCode code)
        {
            if (statement.Arguments.Count == 0)
            {
                // A variable alone as a command gives its value ([$x]).
                return target;
            }

            throw Fail(statement.Position, $"${statement.Name} is not a function ({target.TypeName})");
        }

        var locals = new Scope(null);
        locals.Declare("0", new Slot(new RosStr(statement.Name), false));
        int n = 1;
        foreach (Argument argument in statement.Arguments)
        {
            RosValue value = argument.Value is null ? RosNothing.Instance : Eval(argument.Value, scope);
            string name = argument.Name ?? (n++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            locals.Declare(name, new Slot(value, false));
        }

        ParsedCode outer = _code;
        _code = code.Source;
        Enter(statement.Position);
        try
        {
            RosValue result = ExecBlock(code.Body, locals);
            _returning = false;
            return result;
        }
        finally
        {
            _depth--;
            _code = outer;
        }
    }

    private RosValue Lookup(string name, Scope scope)
    {
        Slot? slot = scope.Find(name);
        if (slot is null)
        {
            // MikroTik "Scripting": an undefined variable is nothing (and "$x" in a string expands to nothing).
            return RosNothing.Instance;
        }

        return slot.Global ? _runner.GetGlobal(name) : slot.Value;
    }
}
