namespace Sesame.RouterOS.Console;

/// <summary>The comparisons of a <c>find</c>/<c>where</c> condition (ROUTEROS.md §1.7).</summary>
internal enum FindOperator
{
    Equals,
    NotEquals,

    /// <summary><c>~</c>: a POSIX extended regular expression.</summary>
    Matches,

    /// <summary><c>in</c>: the item's address, prefix or range lies inside the given one.</summary>
    In,

    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}
