using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Linting;

/// <summary>
/// Type errors visible without running (SES0717, a warning: RouterOS, too, only fails when the run gets there): an
/// expression whose operands are all constants that the operators refuse (<c>("a" + 1)</c>), a condition that is a
/// constant but not a bool, <c>:delay</c>/<c>:totime</c> of a constant that is not a time, <c>:for</c> bounds that
/// are not numbers. Constants are folded with the interpreter's own operators (RosOps), so check and run agree.
/// </summary>
internal sealed partial class LintWalker
{
    /// <summary>Nodes already folded (a nested expression is folded once, from its outermost node).</summary>
    private readonly HashSet<Expr> _folded = new(ReferenceEqualityComparer.Instance);
    private int _inItemCondition;

    private void CheckConstant(Expr e)
    {
        if (_inItemCondition == 0 && e is BinaryExpr or UnaryExpr && !_folded.Contains(e))
        {
            _ = Fold(e);
        }
    }

    /// <summary>The value of a constant expression, or null when it depends on the run (or fails: reported here, once).</summary>
    private RosValue? Fold(Expr e)
    {
        if (!_folded.Add(e))
        {
            return null;
        }

        switch (e)
        {
            case LiteralExpr literal:
                return literal.Value;
            case StringExpr text when text.Parts.All(p => p is LiteralExpr { Value: RosStr }):
                return new RosStr(string.Concat(text.Parts.Select(p => ((RosStr)((LiteralExpr)p).Value).Value)));
            case UnaryExpr unary:
                {
                    RosValue? operand = Fold(unary.Operand);
                    return operand is null ? null : Apply(unary.Position, () => RosOps.Unary(unary.Op, operand));
                }

            case BinaryExpr binary:
                {
                    RosValue? left = Fold(binary.Left);
                    RosValue? right = Fold(binary.Right);
                    if (binary.Op is "&&" or "||")
                    {
                        CheckBool(binary.Left, left);
                        CheckBool(binary.Right, right);
                        return null;
                    }

                    if (left is null || right is null || binary.Op is "," or "~")
                    {
                        return null;
                    }

                    return Apply(binary.Position, () => RosOps.Binary(binary.Op, left, right));
                }

            default:
                return null;
        }
    }

    private RosValue? Apply(int position, Func<RosValue> operation)
    {
        try
        {
            return operation();
        }
        catch (RosScriptException ex)
        {
            Warn(position, ScriptCodes.TypeError, $"{ex.Message}: the run stops here with this error");
            return null;
        }
    }

    /// <summary><c>:if</c>, <c>:while</c>, <c>:do … while=</c>: a constant condition must be a bool.</summary>
    private void CheckCondition(Expr? condition)
    {
        if (condition is not null && _inItemCondition == 0)
        {
            CheckBool(condition, Fold(condition));
        }
    }

    private void CheckBool(Expr e, RosValue? value)
    {
        if (value is not null and not RosBool)
        {
            Warn(e.Position, ScriptCodes.TypeError, $"the condition is {Describe(value)}, not a bool: the run stops here with 'a condition must be bool'");
        }
    }

    /// <summary><c>:delay X</c> stops the run when X is not a time; <c>:totime X</c> gives nil.</summary>
    private void CheckTime(Statement s)
    {
        Expr? e = Interpreter_Positional(s);
        if (e is null || Fold(e) is not RosValue value || RosOps.ToTime(value) is RosTime)
        {
            return;
        }

        string what = s.Name == "delay"
            ? $":delay of {Describe(value)}, which is not a time: the run stops here"
            : $":totime of {Describe(value)}, which is not a time, gives nil";
        Warn(e.Position, ScriptCodes.TypeError, what);
    }

    /// <summary>An address-list <c>add</c>/<c>set</c> with a constant <c>timeout=</c> or <c>address=</c> the run refuses.</summary>
    private void CheckEntryArguments(Statement s, string menu)
    {
        IpFamily family = Family(menu);
        foreach (Argument a in s.Arguments)
        {
            if (a.Name is null || a.Value is null || Fold(a.Value) is not RosValue value)
            {
                continue;
            }

            switch (ScriptMenus.Resolve(["list", "address", "timeout", "comment", "disabled", "dynamic", "numbers"], a.Name))
            {
                case "timeout":
                    bool time = value is RosTime t ? t.Value >= TimeSpan.Zero && t.Value <= RouterOsTime.Max
                        : RouterOsTime.TryParse(RosOps.ToStr(value), out TimeSpan parsed) && parsed >= TimeSpan.Zero && parsed <= RouterOsTime.Max;
                    if (!time)
                    {
                        Warn(a.Value.Position, ScriptCodes.TypeError, $"timeout= is {Describe(value)}, not a time from 0s to 35w3d13:13:56: the run stops here");
                    }

                    break;
                case "address":
                    IpRange? range = value switch
                    {
                        RosIp ip => ip.Address,
                        RosPrefix prefix => prefix.Prefix,
                        _ => IpRange.TryParse(RosOps.ToStr(value), out IpRange? r) ? r : null,
                    };
                    string text = RosOps.ToStr(value);
                    bool dns = range is null && family == IpFamily.V4 && text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
                    if (range is IpRange found && found.Family != family)
                    {
                        Warn(a.Value.Position, ScriptCodes.TypeError, $"address= is {Describe(value)}, not an {(family == IpFamily.V4 ? "IPv4" : "IPv6")} address: the run stops here");
                    }
                    else if (range is null && !dns)
                    {
                        Warn(a.Value.Position, ScriptCodes.TypeError, $"address= is {Describe(value)}, not an address: the run stops here");
                    }

                    break;
            }
        }
    }

    private static string Describe(RosValue value)
    {
        string text = RosOps.ToStr(value);
        text = text.Length > 40 ? text[..40] + "…" : text;
        return value is RosStr ? $"the str \"{text}\"" : $"the {value.TypeName} {text}";
    }
}
