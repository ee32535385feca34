using CsCheck;
using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Checking;

/// <summary>
/// <see cref="LockoutCheck"/> on random configurations, sessions and contexts: it never throws, every finding names a
/// rule that can stop a packet, and a rule that accepts the session first silences it.
/// </summary>
public sealed class LockoutCheckPropertyTests
{
    private static readonly string[] Chains = ["input", "input", "input", "c1", "c2", "forward"];
    private static readonly string[] Lists = ["secured", "knock", "blacklist", "other"];
    private static readonly string[] Interfaces = ["ether1", "bridge", "wlan1"];
    private static readonly string[] InterfaceListNames = ["WAN", "LAN", "all", "none", "MISSING"];

    private static Gen<Negatable<T>?> Maybe<T>(Gen<T> value) =>
        Gen.Frequency((3, Gen.Const((Negatable<T>?)null)), (1, from v in value from not in Gen.Bool select (Negatable<T>?)new Negatable<T>(not, v)));

    private static readonly Gen<IpRange> V4 =
        from a in Gen.OneOf(Gen.Const(0xC0000207u), Gen.Const(0xC0000201u), Gen.UInt) from len in Gen.Int[0, 32] select IpRange.FromPrefix(IpFamily.V4, a, len);

    private static readonly Gen<IpRange> V6 =
        from low in Gen.OneOf(Gen.Const(7ul), Gen.Const(1ul), Gen.ULong) from len in Gen.Int[0, 128]
        select IpRange.FromPrefix(IpFamily.V6, new UInt128(0x20010DB800000000ul, low), len);

    private static Gen<FilterRule> Rule(Gen<IpRange> addresses) =>
        from chain in Gen.OneOf(Chains)
        from action in Gen.Enum<FilterAction>()
        from target in Gen.OneOf("c1", "c2", "input", "nowhere")
        from list in Gen.OneOf(Lists)
        from disabled in Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true)))
        from protocol in Maybe(Gen.OneOf(Gen.Const(IpProtocols.Tcp), Gen.Const(IpProtocols.Udp)))
        from port in Maybe(Gen.OneOf(Gen.Const((ushort)22), Gen.Const((ushort)888), Gen.UShort).Select(p => (EquatableArray<PortRange>)[new PortRange(p, p)]))
        from srcList in Maybe(Gen.OneOf(Lists))
        from src in Maybe(addresses)
        from inInterface in Maybe(Gen.OneOf(Interfaces))
        from inList in Maybe(Gen.OneOf(InterfaceListNames))
        from state in Maybe(Gen.Enum<ConnectionStates>())
        select new FilterRule
        {
            Chain = chain,
            Action = action,
            JumpTarget = action == FilterAction.Jump ? target : null,
            AddressList = action is FilterAction.AddSrcToAddressList or FilterAction.AddDstToAddressList ? list : null,
            AddressListTimeout = action is FilterAction.AddSrcToAddressList or FilterAction.AddDstToAddressList ? AddressListTimeout.Timed(TimeSpan.FromMinutes(1)) : null,
            Disabled = disabled,
            Protocol = protocol,
            DstPort = protocol is null ? null : port,
            SrcAddressList = srcList,
            SrcAddress = src,
            InInterface = inInterface,
            InInterfaceList = inList,
            ConnectionState = state,
        };

    private static Gen<EquatableArray<FilterRule>> Rules(Gen<IpRange> addresses, int first) =>
        Rule(addresses).Array[0, 10].Select(rules =>
            (EquatableArray<FilterRule>)[.. rules.Select((r, i) => r with { Location = new SourceLocation("random.rsc", first + i, 1) })]);

    private static readonly Gen<FirewallConfig> Config =
        from v4 in Rules(V4, 1)
        from v6 in Rules(V6, 101)
        from members in Gen.OneOf(Interfaces).Array[0, 3]
        select new FirewallConfig
        {
            InterfaceLists = [new InterfaceList("WAN"), new InterfaceList("LAN")],
            InterfaceListMembers = [.. members.Select((m, i) => new InterfaceListMember(i % 2 == 0 ? "WAN" : "LAN", m))],
            Ipv4Filter = v4,
            Ipv6Filter = v6,
        };

    private static readonly Gen<SshSession> Session =
        from v6 in Gen.Bool
        from client in v6 ? Gen.OneOf(Gen.Const(new UInt128(0x20010DB800000000ul, 7)), Gen.UInt128) : Gen.OneOf(Gen.Const((UInt128)0xC0000207u), Gen.UInt.Select(u => (UInt128)u))
        from server in v6 ? Gen.UInt128 : Gen.UInt.Select(u => (UInt128)u)
        from clientPort in Gen.OneOf(Gen.Int[1, 65535], Gen.Int[-2, 2], Gen.Int[65534, 70000])
        from serverPort in Gen.OneOf(Gen.Const(22), Gen.Int[1, 65535], Gen.Int[-2, 2])
        let family = v6 ? IpFamily.V6 : IpFamily.V4
        select new SshSession(IpRange.Host(family, client), clientPort, IpRange.Host(family, server), serverPort);

    private static readonly Gen<LockoutContext?> Context =
        Gen.Frequency(
            (1, Gen.Const((LockoutContext?)null)),
            (3, from running in Gen.Frequency((1, Gen.Const((FirewallConfig?)null)), (2, Config.Select(c => (FirewallConfig?)c)))
                from entries in Gen.Select(Gen.OneOf(Lists), Gen.OneOf(V4, V6)).Array[0, 6]
                from inInterface in Gen.OneOf(Gen.Const((string?)null), Gen.Const((string?)""), Gen.OneOf(Interfaces).Select(i => (string?)i))
                select (LockoutContext?)new LockoutContext(running, entries, inInterface)));

    private static readonly string[] Codes = [LockoutCheck.CutCode, LockoutCheck.LockedOutCode, LockoutCheck.MustKnockCode, LockoutCheck.InvalidSessionCode];

    private static FilterRule? RuleAt(FirewallConfig config, SourceLocation at) =>
        config.Ipv4Filter.Concat(config.Ipv6Filter).FirstOrDefault(r => r.Location == at);

    [Fact]
    public void Check_RandomConfigs_NeverThrowsAndNamesAStoppingRule()
    {
        int[] seen = new int[Codes.Length];
        Gen.Select(Config, Session, Context).Sample((next, session, context) =>
        {
            IReadOnlyList<Diagnostic> found = LockoutCheck.Check(next, session, context);
            foreach (Diagnostic d in found)
            {
                seen[Array.IndexOf(Codes, d.Code)]++;
            }

            foreach (Diagnostic d in found)
            {
                Assert.Contains(d.Code, Codes);
                Assert.Equal(d.Code != LockoutCheck.MustKnockCode, d.IsError);
                if (d.Code == LockoutCheck.InvalidSessionCode)
                {
                    Assert.Single(found);
                    continue;
                }

                FilterRule rule = RuleAt(next, d.Location) ?? throw new InvalidOperationException($"{d} names no rule");
                Assert.False(rule.Disabled);
                Assert.True(rule.Action is FilterAction.Drop or FilterAction.Reject or FilterAction.Tarpit or FilterAction.Jump, d.ToString());
            }
        }, iter: 400, threads: 1);

        // Every kind of finding came up, so the properties above were tested on something.
        Assert.All(seen, n => Assert.True(n > 0, string.Join(", ", seen)));
    }

    [Fact]
    public void Check_AcceptOfTheClientFirst_NoFinding()
    {
        int before = 0;
        Gen.Select(Config, Session, Context).Sample((next, session, context) =>
        {
            SshSession s = session.Normalised();
            if (s.ClientPort is < 1 or > 65535 || s.ServerPort is < 1 or > 65535)
            {
                return;
            }

            var accept = new FilterRule { Chain = "input", Action = FilterAction.Accept, SrcAddress = Negatable<IpRange>.Is(s.Client) };
            FirewallConfig opened = s.Client.Family == IpFamily.V6
                ? next with { Ipv6Filter = [accept, .. next.Ipv6Filter] }
                : next with { Ipv4Filter = [accept, .. next.Ipv4Filter] };

            before += LockoutCheck.Check(next, session, context).Count;
            Assert.Empty(LockoutCheck.Check(opened, session, context));
        }, iter: 300, threads: 1);

        Assert.True(before > 0);
    }

    [Fact]
    public void Check_AcceptOfEstablishedFirst_NeverCuts()
    {
        int before = 0;
        Gen.Select(Config, Session, Context).Sample((next, session, context) =>
        {
            var accept = new FilterRule { Chain = "input", Action = FilterAction.Accept, ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established) };
            FirewallConfig kept = next with { Ipv4Filter = [accept, .. next.Ipv4Filter], Ipv6Filter = [accept, .. next.Ipv6Filter] };

            before += LockoutCheck.Check(next, session, context).Count(d => d.Code == LockoutCheck.CutCode);
            Assert.DoesNotContain(LockoutCheck.Check(kept, session, context), d => d.Code == LockoutCheck.CutCode);
        }, iter: 300, threads: 1);

        Assert.True(before > 0);
    }
}
