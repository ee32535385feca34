using Sesame.Diagnostics;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Parsing;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Linting;

/// <summary>
/// Walks one script's statements in order, as a run would meet them: the current menu follows path lines, a variable
/// is known after its <c>:local</c>/<c>:global</c> in an enclosing block (or when any script declares it global).
/// </summary>
internal sealed partial class LintWalker(LintSource source, LintContext context)
{
    private readonly List<HashSet<string>> _scopes = [];
    private readonly List<(IpFamily Family, string List, int Position)> _reads = [];
    private string _menu = "";
    private int _functionDepth;
    private bool _oneLineReported;

    public void Walk()
    {
        foreach (CodeError error in source.Code.Errors)
        {
            (SourceLocation location, string suffix) = source.Locate(error.Position);
            if (error.IsWarning)
            {
                if (!_oneLineReported)
                {
                    _oneLineReported = true;
                    Warn(error.Position, error.Code, $"{error.Message}{suffix}");
                }

                continue;
            }

            context.Diagnostics.Error(location, error.Code, $"{source.Kind} {source.Name}: {error.Message}; the {source.Kind} will not run{suffix}");
        }

        CollectGlobals(source.Code.Body);
        WalkBlock(source.Code.Body);
    }

    private void Warn(int position, string code, string message)
    {
        (SourceLocation location, string suffix) = source.Locate(position);
        context.Diagnostics.Warning(location, code, $"{source.Kind} {source.Name}: {message}{suffix}");
    }

    private void CollectGlobals(Block block)
    {
        foreach (Statement s in block.Statements)
        {
            if (s.Kind == StatementKind.Global && s.Name == "global" && FirstWord(s) is string name)
            {
                context.Globals.Add(name);
            }

            foreach (Block inner in InnerBlocks(s))
            {
                CollectGlobals(inner);
            }
        }
    }

    private static IEnumerable<Block> InnerBlocks(Statement s)
    {
        if (s.Body is not null)
        {
            yield return s.Body;
        }

        foreach (Argument a in s.Arguments)
        {
            foreach (Block b in InnerBlocks(a.Value))
            {
                yield return b;
            }
        }

        foreach (Block b in InnerBlocks(s.Condition))
        {
            yield return b;
        }
    }

    private static IEnumerable<Block> InnerBlocks(Expr? e)
    {
        switch (e)
        {
            case CodeExpr code:
                yield return code.Body;
                break;
            case SubstitutionExpr substitution:
                yield return substitution.Body;
                break;
            case BinaryExpr binary:
                foreach (Block b in InnerBlocks(binary.Left).Concat(InnerBlocks(binary.Right)))
                {
                    yield return b;
                }

                break;
            case UnaryExpr unary:
                foreach (Block b in InnerBlocks(unary.Operand))
                {
                    yield return b;
                }

                break;
            case IndexExpr index:
                foreach (Block b in InnerBlocks(index.Target).Concat(InnerBlocks(index.Key)))
                {
                    yield return b;
                }

                break;
            case StringExpr text:
                foreach (Block b in text.Parts.SelectMany(InnerBlocks))
                {
                    yield return b;
                }

                break;
            case ArrayExpr array:
                foreach (Block b in array.Items.SelectMany(i => InnerBlocks(i.Value)))
                {
                    yield return b;
                }

                break;
        }
    }

    private static string? FirstWord(Statement s) => s.Arguments.FirstOrDefault(a => a.Name is null)?.Value switch
    {
        LiteralExpr { Word: { Length: > 0 } word } => word,
        VariableExpr variable => variable.Name,
        _ => null,
    };

    private void WalkBlock(Block block, params string[] declared)
    {
        _scopes.Add(new HashSet<string>(declared, StringComparer.Ordinal));
        foreach (Statement s in block.Statements)
        {
            WalkStatement(s);
        }

        _scopes.RemoveAt(_scopes.Count - 1);
    }

    private void Declare(string name) => _scopes[^1].Add(name);

    private bool IsKnown(string name) =>
        _functionDepth > 0 || char.IsAsciiDigit(name[0]) || context.Globals.Contains(name) || _scopes.Any(s => s.Contains(name));

    private void WalkStatement(Statement s)
    {
        switch (s.Kind)
        {
            case StatementKind.Block:
                WalkBlock(s.Body!);
                return;
            case StatementKind.ChangeMenu:
                if (!s.KnownPath)
                {
                    Warn(s.Position, ScriptCodes.NotSupported, $"/{s.Path} will not run in Sesame (only the address lists, filter rules, /system script and /log are supported)");
                }

                _menu = s.Path ?? "";
                return;
            case StatementKind.Call:
                if (!IsKnown(s.Name))
                {
                    Warn(s.Position, ScriptCodes.UnknownVariable, $"${s.Name} is never defined (no :local before it, no :global anywhere)");
                }

                WalkArguments(s);
                return;
            case StatementKind.Global:
                WalkGlobal(s);
                return;
            default:
                WalkMenu(s);
                return;
        }
    }

    private void WalkArguments(Statement s)
    {
        foreach (Argument a in s.Arguments)
        {
            if (a.Value is not null)
            {
                WalkExpr(a.Value);
            }
        }
    }

    private void WalkExpr(Expr e)
    {
        CheckConstant(e);
        switch (e)
        {
            case VariableExpr variable:
                if (!IsKnown(variable.Name))
                {
                    Warn(variable.Position, ScriptCodes.UnknownVariable, $"${variable.Name} is never defined (no :local before it, no :global anywhere); it reads as nothing");
                }

                break;
            case SubstitutionExpr substitution:
                {
                    string menu = _menu;
                    WalkBlock(substitution.Body);
                    _menu = menu;
                    break;
                }

            case CodeExpr code:
                WalkBlock(code.Body);
                break;
            case BinaryExpr binary:
                WalkExpr(binary.Left);
                WalkExpr(binary.Right);
                break;
            case UnaryExpr unary:
                WalkExpr(unary.Operand);
                break;
            case IndexExpr index:
                WalkExpr(index.Target);
                WalkExpr(index.Key);
                break;
            case StringExpr text:
                foreach (Expr part in text.Parts)
                {
                    WalkExpr(part);
                }

                break;
            case ArrayExpr array:
                foreach (KeyValuePair<string?, Expr> item in array.Items)
                {
                    WalkExpr(item.Value);
                }

                break;
        }
    }

    private static bool IsTrueLiteral(Expr? e) => e is LiteralExpr { Value: RosBool { Value: true } };

    private static bool Escapes(Block block) =>
        block.Statements.Any(s => (s.Kind == StatementKind.Global && s.Name is "return" or "error") || InnerBlocks(s).Any(Escapes));
}
