namespace Sesame.RouterOS.Syntax;

internal enum PairOperator
{
    None,
    Equals,
    NotEquals,
    Matches,
}
