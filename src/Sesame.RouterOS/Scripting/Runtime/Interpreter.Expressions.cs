using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

internal sealed partial class Interpreter
{
    /// <summary>A regular expression (<c>~</c>) may take this long on one value; a hostile pattern matches nothing after it.</summary>
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The item a <c>find</c>/<c>where</c> condition is looking at, or null outside one.</summary>
    private IItemRow? _row;

    private RosValue Eval(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                return literal.Value;
            case VariableExpr variable:
                return Lookup(variable.Name, scope);
            case StringExpr text:
                return Interpolate(text, scope);
            case SubstitutionExpr substitution:
                return ExecNested(substitution.Body, scope, substitution.Position);
            case BinaryExpr binary:
                try
                {
                    return EvalBinary(binary, scope);
                }
                catch (RosScriptException e)
                {
                    // A type error points at its operator ("a" + 1: at the '+'), not at the statement.
                    throw Fail(binary.Position, e.Message);
                }

            case UnaryExpr unary:
                {
                    RosValue operand = Eval(unary.Operand, scope);
                    try
                    {
                        return RosOps.Unary(unary.Op, operand);
                    }
                    catch (RosScriptException e)
                    {
                        throw Fail(unary.Position, e.Message);
                    }
                }

            case IndexExpr index:
                {
                    if (Eval(index.Target, scope) is not RosArray indexed)
                    {
                        return RosNothing.Instance;
                    }

                    RosValue key = Eval(index.Key, scope);
                    try
                    {
                        return indexed.Get(key);
                    }
                    catch (RosScriptException e)
                    {
                        throw Fail(index.Position, e.Message);
                    }
                }
            case ArrayExpr array:
                return BuildArray(array, scope);
            case CodeExpr code:
                return new RosCode(code.Body, _code);
            case WordExpr word:
                return word.IsProperty && _row is not null ? Property(word) : word.Literal;
            default:
                throw Fail(expr.Position, "unknown expression");
        }
    }

    /// <summary>Whether a condition is true; a condition that is not a bool is an error at the condition.</summary>
    private bool Truth(Expr condition, Scope scope)
    {
        RosValue value = Eval(condition, scope);
        try
        {
            return RosOps.IsTrue(value);
        }
        catch (RosScriptException e)
        {
            throw Fail(condition.Position, e.Message);
        }
    }

    /// <summary>A property of the item a condition looks at, by its name or an unambiguous prefix of one.</summary>
    private RosValue Property(WordExpr word)
    {
        if (_row!.TryGet(word.Text, out RosValue value))
        {
            return value;
        }

        if (ScriptMenus.Resolve(_row.Names, word.Text) is string name && _row.TryGet(name, out value))
        {
            return value;
        }

        throw Fail(word.Position, $"no such property '{word.Text}'");
    }

    private RosStr Interpolate(StringExpr text, Scope scope)
    {
        var sb = new StringBuilder();
        foreach (Expr part in text.Parts)
        {
            RosValue value = Eval(part, scope);
            sb.Append(part is LiteralExpr { Value: RosStr s } ? s.Value : RosOps.ToStr(value));
            if (sb.Length > RosLimits.MaxStringBytes)
            {
                // Checked as it grows: many long parts must not take the memory before the check at the end.
                RosLimits.CheckString(sb.ToString());
            }
        }

        return new RosStr(RosLimits.CheckString(sb.ToString()));
    }

    private RosValue EvalBinary(BinaryExpr binary, Scope scope)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (binary.Op)
        {
            case "&&":
                return Truth(binary.Left, scope) && Truth(binary.Right, scope) ? RosBool.True : RosBool.False;
            case "||":
                return Truth(binary.Left, scope) || Truth(binary.Right, scope) ? RosBool.True : RosBool.False;
        }

        RosValue left = Eval(binary.Left, scope);
        RosValue right = Eval(binary.Right, scope);
        switch (binary.Op)
        {
            case ",":
                {
                    // MikroTik "Scripting": ',' concatenates two arrays, or adds an element.
                    RosArray joined = RosOps.ToArray(left).Copy();
                    foreach (KeyValuePair<string?, RosValue> item in RosOps.ToArray(right).Items)
                    {
                        if (item.Key is null)
                        {
                            joined.Add(item.Value);
                        }
                        else
                        {
                            joined.Set(new RosStr(item.Key), item.Value);
                        }
                    }

                    return joined;
                }

            case "~":
                return Matches(RosOps.ToStr(left), RosOps.ToStr(right), binary.Position) ? RosBool.True : RosBool.False;
            case "=" when _row is not null:
                return RosOps.AreEqual(left, right) ? RosBool.True : RosBool.False;
            default:
                return RosOps.Binary(binary.Op, left, right);
        }
    }

    /// <summary><c>~</c>: POSIX extended regular expressions (ROUTEROS.md §1.7); .NET's engine agrees on the common subset.</summary>
    private bool Matches(string value, string pattern, int position)
    {
        Regex regex;
        try
        {
            regex = _runner.GetRegex(pattern, RegexTimeout);
        }
        catch (ArgumentException)
        {
            throw Fail(position, $"invalid regular expression '{pattern}'");
        }

        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private RosArray BuildArray(ArrayExpr array, Scope scope)
    {
        var result = new RosArray();
        foreach (KeyValuePair<string?, Expr> item in array.Items)
        {
            RosValue value = Eval(item.Value, scope);
            if (item.Key is null)
            {
                result.Add(value);
            }
            else
            {
                result.Set(new RosStr(item.Key), value);
            }
        }

        return result;
    }
}
