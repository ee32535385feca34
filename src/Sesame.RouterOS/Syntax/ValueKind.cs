namespace Sesame.RouterOS.Syntax;

internal enum ValueKind
{
    /// <summary>An unquoted word or a quoted string (unescaped).</summary>
    Text,

    /// <summary><c>{ … }</c>: script text kept verbatim.</summary>
    Block,

    /// <summary><c>[cmd …]</c> or <c>([cmd …]->N)</c>.</summary>
    Substitution,
}
