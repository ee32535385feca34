using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Parsing;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>A function: code kept in a variable (<c>:global f do={ … }</c>), called as <c>$f a=1</c> or <c>[$f]</c>.</summary>
internal sealed record RosCode(Block Body, ParsedCode Source) : RosValue
{
    public override string TypeName => "code";
}
