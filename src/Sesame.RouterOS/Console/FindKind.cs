namespace Sesame.RouterOS.Console;

internal enum FindKind
{
    All,
    And,
    Or,
    Not,
    Compare,
    Flag,
}
