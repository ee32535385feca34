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

        throw Fail(e?.Position ?? statement.Position, $":{statement.Name} expects a variable name");
    }
}
