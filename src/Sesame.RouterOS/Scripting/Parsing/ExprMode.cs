namespace Sesame.RouterOS.Scripting.Parsing;

internal enum ExprMode
{
    /// <summary>Inside <c>( )</c>: arithmetic, <c>.</c> concatenation, bit operators.</summary>
    Normal,

    /// <summary>A <c>find</c>/<c>where</c> condition: words are properties or console words (<c>address-list</c>, <c>10.0.0.0/8</c>).</summary>
    Where,
}
