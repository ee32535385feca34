using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;
using Sesame.Tests.Engine;
using Sesame.Time;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Scripting;

public sealed class FirewallScriptHostTests
{
    private static readonly FirewallConfig Config = WithInterfaces(new FirewallConfig
    {
        Ipv4Filter = [Rule(FilterAction.Drop) with { SrcAddressList = Negatable<string>.Is("blacklist"), Disabled = true }, Rule(FilterAction.Accept)],
        Ipv6Filter = [Rule(FilterAction.Drop)],
    });

    private static (FirewallScriptHost Host, Firewall Firewall, ManualTimeProvider Time, RecordingObserver Observer) Create()
    {
        var time = new ManualTimeProvider();
        var observer = new RecordingObserver();
        var firewall = new Firewall(Config, time) { Observer = observer };
        return (new FirewallScriptHost(firewall, Config, time, "my-script"), firewall, time, observer);
    }

    [Fact]
    public void GetRules_ReflectsRuntimeDisabled()
    {
        (FirewallScriptHost host, _, _, _) = Create();
        Assert.True(host.GetRules(IpFamily.V4)[0].Disabled);

        host.SetRulesDisabled(IpFamily.V4, [0], disabled: false);
        host.SetRulesDisabled(IpFamily.V6, [0], disabled: true);

        Assert.False(host.GetRules(IpFamily.V4)[0].Disabled);
        Assert.Equal("input", host.GetRules(IpFamily.V4)[0].Chain);
        Assert.True(host.GetRules(IpFamily.V6)[0].Disabled);
        Assert.True(Config.Ipv4Filter[0].Disabled); // the config itself is unchanged
    }

    [Fact]
    public void Delay_MovesTheScriptsClockNotTheEngines()
    {
        (FirewallScriptHost host, _, ManualTimeProvider time, _) = Create();
        DateTimeOffset start = host.Now;

        Assert.True(host.Delay(TimeSpan.FromMinutes(2), CancellationToken.None));

        Assert.Equal(start + TimeSpan.FromMinutes(2), host.Now);
        Assert.Equal(start, time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(2), host.Delayed);
    }

    [Fact]
    public void Delay_Cancelled_ReturnsFalse()
    {
        (FirewallScriptHost host, _, _, _) = Create();

        Assert.False(host.Delay(TimeSpan.FromSeconds(1), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void AddRemove_ReportedUnderTheScriptName()
    {
        (FirewallScriptHost host, _, _, RecordingObserver observer) = Create();

        long id = host.AddEntry(IpFamily.V6, new ScriptListEntryRequest("secured", Range("2001:db8::7"), null, TimeSpan.FromMinutes(30), false, false, "granted-by-script"));
        host.SetEntry(IpFamily.V6, id, new ScriptListEntryUpdate(Comment: "renewed"));
        host.RemoveEntry(IpFamily.V6, id);

        Assert.Equal(
            [AddressListChangeKind.Added, AddressListChangeKind.Changed, AddressListChangeKind.Removed],
            observer.Changes.Select(c => c.Kind));
        Assert.All(observer.Changes, c => Assert.Equal("my-script", c.Script));
        Assert.All(observer.Changes, c => Assert.Equal(IpFamily.V6, c.Family));
        Assert.Empty(host.GetEntries(IpFamily.V6));
        Assert.Throws<ScriptHostException>(() => host.RemoveEntry(IpFamily.V6, id));
    }

    [Fact]
    public void EnabledBlacklistRule_DropsListedAddress()
    {
        (FirewallScriptHost host, Firewall firewall, _, _) = Create();
        host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("blacklist", Range("198.51.100.66"), null, null, false, false, null));
        var packet = new Packet
        {
            Hook = Hook.Input,
            Family = IpFamily.V4,
            Src = Address("198.51.100.66"),
            Dst = Address(RouterAddress),
            Protocol = IpProtocols.Tcp,
            DstPort = 22,
            TcpFlags = TcpFlags.Syn,
            Length = 60,
            InInterface = firewall.ResolveInterface("ether1"),
            OutInterface = -1,
        };
        Assert.Equal(Verdict.Accept, firewall.Process(packet).Verdict);

        host.SetRulesDisabled(IpFamily.V4, [0], disabled: false);

        Assert.Equal(Verdict.Drop, firewall.Process(packet).Verdict);
    }
}
