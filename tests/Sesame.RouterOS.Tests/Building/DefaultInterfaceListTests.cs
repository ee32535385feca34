using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests.Building;

/// <summary>
/// Rules copied from the seeds name the default configuration's WAN and LAN interface lists without defining them;
/// Sesame assumes them as the default configuration has them (SES0312), and strict mode refuses that.
/// </summary>
public sealed class DefaultInterfaceListTests
{
    private const string Rules = """
        /ip firewall filter
        add action=accept chain=input in-interface-list=WAN src-address-list=secured
        add action=drop chain=input in-interface-list=!LAN
        add action=drop chain=input in-interface-list=WAN
        """;

    [Fact]
    public void Parse_UndefinedWanAndLan_AssumesTheDefaultConfigurationListsOnce()
    {
        ScriptResult result = RouterOsScript.Parse(Rules, "r.rsc");

        Assert.False(result.HasErrors);
        Assert.Equal(["SES0312@2:49", "SES0312@3:47"], result.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}"));
        Assert.Equal(["WAN", "LAN"], result.Config.InterfaceLists.Select(l => l.Name));
        Assert.Equal([new InterfaceListMember("WAN", "ether1") { Comment = "defconf" }, new InterfaceListMember("LAN", "bridge") { Comment = "defconf" }],
            result.Config.InterfaceListMembers);
    }

    [Fact]
    public void Parse_UndefinedWanInStrictMode_IsAnError()
    {
        ScriptResult result = RouterOsScript.Parse(Rules, "r.rsc", new ScriptOptions { Strict = true });

        Assert.True(result.HasErrors);
        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void Parse_DefinedWan_IsNotReplaced()
    {
        ScriptResult result = RouterOsScript.Parse("/interface list\nadd name=WAN\n/interface list member\nadd list=WAN interface=pppoe-out1\n" + Rules, "r.rsc");

        Assert.Equal(["SES0312"], result.Diagnostics.Select(d => d.Code));
        Assert.Contains(new InterfaceListMember("WAN", "pppoe-out1") { Location = result.Config.InterfaceListMembers[0].Location }, result.Config.InterfaceListMembers);
        Assert.DoesNotContain(result.Config.InterfaceListMembers, m => m.Interface == "ether1");
    }
}
