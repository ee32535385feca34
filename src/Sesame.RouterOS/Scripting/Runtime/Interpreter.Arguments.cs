using Sesame.RouterOS.Scripting.Ast;

namespace Sesame.RouterOS.Scripting.Runtime;

internal sealed partial class Interpreter
{
    /// <summary>The <paramref name="index"/>-th unnamed argument, or null.</summary>
    private static Expr? Positional(Statement statement, int index)
    {
        foreach (Argument argument in statement.Arguments)
        {
            if (argument.Name is null && index-- == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static int PositionalCount(Statement statement)
    {
        int n = 0;
        foreach (Argument argument in statement.Arguments)
        {
            if (argument.Name is null)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// The named arguments of <paramref name="statement"/> by their index in <paramref name="known"/> (full names or
    /// unambiguous prefixes); an argument that names none of them is an error. Resolved once per statement.
    /// </summary>
    private Expr?[] NamedArguments(Statement statement, string[] known)
    {
        if (statement.ResolvedArguments is { } cached && ReferenceEquals(cached.Known, known))
        {
            return cached.Values;
        }

        var values = new Expr?[known.Length];
        foreach (Argument argument in statement.Arguments)
        {
            if (argument.Name is null)
            {
                continue;
            }

            string resolved = ScriptMenus.Resolve(known, argument.Name)
                ?? throw Fail(argument.Position, $"unknown argument '{argument.Name}' (expected {string.Join(", ", known)})");
            values[Array.IndexOf(known, resolved)] = argument.Value;
        }

        statement.ResolvedArguments = (known, values);
        return values;
    }

    /// <summary>
    /// The argument named <paramref name="name"/> (written in full or as an unambiguous prefix of one of
    /// <paramref name="known"/>, as the console allows); an argument that names none of them is an error.
    /// </summary>
    private Expr? Named(Statement statement, string name, string[] known)
    {
        Expr? found = null;
        foreach (Argument argument in statement.Arguments)
        {
            if (argument.Name is null)
            {
                continue;
            }

            string? resolved = ScriptMenus.Resolve(known, argument.Name);
            if (resolved is null)
            {
                throw Fail(argument.Position, $"unknown argument '{argument.Name}' (expected {string.Join(", ", known)})");
            }

            if (resolved == name)
            {
                found = argument.Value;
            }
        }

        return found;
    }

    /// <summary>The word of an unnamed argument that names a variable (<c>:local x</c>, <c>:foreach id in=…</c>).</summary>
    private string VariableName(Statement statement, int index)
    {
        Expr? e = Positional(statement, index);
        if (e is LiteralExpr { Word: { Length: > 0 } word })
        {
            return word;
        }

        if (e is VariableExpr variable)
        {
            // :set $x value — scripts in the wild name the variable with its '$'.
            return variable.Name;
        }

        throw Fail(e?.Position ?? statement.Position, $":{statement.Name} expects a variable name");
    }
}
