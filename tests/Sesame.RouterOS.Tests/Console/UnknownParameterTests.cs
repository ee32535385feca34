using Sesame.Diagnostics;
using Sesame.RouterOS;

namespace Sesame.Tests.Console;

public sealed class UnknownParameterTests
{
    [Fact]
    public void Parse_MistypedParameter_NamesTheNearestOne()
    {
        ScriptResult result = RouterOsScript.Parse("/ip firewall filter\nadd chain=input protocol=tcp dst-prot=22", "t.rsc");

        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal("SES0204", d.Code);
        Assert.Equal(new SourceLocation("t.rsc", 2, 30), d.Location);
        Assert.EndsWith("(did you mean 'dst-port'?)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnrelatedParameter_SuggestsNothing()
    {
        ScriptResult result = RouterOsScript.Parse("/ip firewall filter\nadd chain=input bandwidth=5M", "t.rsc");

        Assert.DoesNotContain("did you mean", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
