using System.Diagnostics;
using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Linux.Nftables;
using Sesame.Model;

namespace Sesame.Tests.Kernel;

/// <summary>
/// The limits of <c>check</c> (SES0520–SES0528) measured against the real kernel and nftables: the longest value check
/// accepts goes into the kernel, and one more byte is refused by check (and, where nft itself refuses it, by nft).
/// </summary>
public sealed class KernelLimitTests
{
    private static readonly Net.IpRange Net192 = Net.IpRange.TryParse("192.0.2.0/24", out Net.IpRange? range) ? range.Value : throw new InvalidOperationException();

    private static FilterRule Rule() => new() { Chain = "input", Action = FilterAction.Accept };

    private static FirewallConfig Config(params FilterRule[] rules) => new() { Ipv4Filter = [.. rules] };

    private static string[] CheckErrors(FirewallConfig config) => [.. ConfigChecker.Check(config).Where(d => d.IsError).Select(d => d.Code)];

    /// <summary>Check accepts it and the kernel takes the compiled ruleset.</summary>
    private static void AssertAccepted(NetNs ns, FirewallConfig config)
    {
        Assert.Empty(CheckErrors(config));
        Kernel.Apply(ns, config);
    }

    /// <summary>Check refuses it with <paramref name="code"/>; when <paramref name="nftRefuses"/>, so does nft.</summary>
    private static void AssertRefused(NetNs ns, FirewallConfig config, string code, bool nftRefuses)
    {
        Assert.Contains(code, CheckErrors(config));
        if (nftRefuses)
        {
            Exception e = Assert.ThrowsAny<Exception>(() => Kernel.Apply(ns, config));
            Assert.IsType<NftException>(e.InnerException);
        }
    }

    [RootFact]
    public void Apply_InterfaceNameOf15Bytes_AcceptedAnd16Refused()
    {
        using var ns = new NetNs();
        string longest = "wg-\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"; // 15 bytes of UTF-8
        AssertAccepted(ns, Config(Rule() with { InInterface = Negatable<string>.Is(longest) }));
        AssertAccepted(ns, Config(Rule() with { OutInterface = Negatable<string>.Not(new string('o', 15)) }));
        IpLink(ns, "add", longest, "type", "veth", "peer", "name", "kl-peer").ThrowIfFailed();

        AssertRefused(ns, Config(Rule() with { InInterface = Negatable<string>.Is(longest + "x") }), "SES0521", nftRefuses: true);
        AssertRefused(ns, Config(Rule() with { OutInterface = Negatable<string>.Is(new string('o', 16)) }), "SES0521", nftRefuses: true);
    }

    [RootTheory]
    [InlineData("eth0:1")]
    [InlineData("\u00e0b")] // C3 A0: the kernel's isspace takes 0xA0
    [InlineData(".")]
    [InlineData("..")]
    public void Check_InterfaceNameTheKernelRefuses_RefusedByBoth(string name)
    {
        using var ns = new NetNs();
        Assert.NotEqual(0, IpLink(ns, "add", name, "type", "veth", "peer", "name", "kl-peer").ExitCode);
        Assert.Equal("SES0522", Assert.Single(CheckErrors(Config(Rule() with { InInterface = Negatable<string>.Is(name) }))));
    }

    /// <summary>
    /// nft reads a trailing <c>*</c> in an interface name as a wildcard; the compiler escapes it (<c>\*</c>), so the kernel
    /// reads <c>in-interface=ethe*</c> literally, as the engine and RouterOS do. <c>check</c> still refuses it (SES0523):
    /// whoever writes it most likely means a wildcard, which RouterOS does not have.
    /// </summary>
    [RootFact]
    public void Apply_InterfaceNameEndingInStar_IsLiteralInTheKernel()
    {
        using var ns = new NetNs();
        using System.Net.Sockets.Socket listener = ns.Listen(22);
        FirewallConfig config = Config(Rule() with { Action = FilterAction.Drop, InInterface = Negatable<string>.Is("ethe*") });
        Assert.Equal(["SES0523"], CheckErrors(config));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));

        Kernel.Apply(ns, config);

        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000)); // ether1 is not "ethe*"
    }

    [RootFact]
    public void Apply_InterfaceListMemberEndingInStar_RefusedByBoth()
    {
        // nft's text reads "eth*" as a prefix wildcard, which a set without the interval flag cannot hold; the JSON the
        // daemon applies holds it literally, and check refuses it as it does for in-interface.
        using var ns = new NetNs();
        FirewallConfig config = new()
        {
            Ipv4Filter = [Rule() with { InInterfaceList = Negatable<string>.Is("WAN") }],
            InterfaceLists = [new InterfaceList("WAN")],
            InterfaceListMembers = [new InterfaceListMember("WAN", "ether*")],
        };

        AssertRefused(ns, config, "SES0523", nftRefuses: false);
        AssertAccepted(ns, config with { InterfaceListMembers = [new InterfaceListMember("WAN", "eth*r")] });
    }

    [RootFact]
    public void Apply_ChainNameAtTheLimit_AcceptedOneMoreRefused()
    {
        using var ns = new NetNs();
        string longest = new string('c', 249) + "."; // "v4_" + 249 + ".2e" = 255 bytes
        AssertAccepted(ns, Config(Rule() with { Action = FilterAction.Jump, JumpTarget = longest }, Rule() with { Chain = longest }));
        AssertRefused(ns, Config(Rule() with { Chain = "c" + longest }), "SES0524", nftRefuses: true);
    }

    [RootFact]
    public void Apply_AddressListNameAtTheLimit_AcceptedOneMoreRefused()
    {
        using var ns = new NetNs();
        string longest = new('l', 249); // "v4net_" + 249 = 255 bytes
        FirewallConfig config = new()
        {
            Ipv4Filter = [Rule() with { SrcAddressList = Negatable<string>.Is(longest) }],
            Ipv4AddressList = [new AddressListEntry { List = longest, Address = Net192 }],
        };

        AssertAccepted(ns, config);
        string over = longest + "l";
        AssertRefused(ns, config with
        {
            Ipv4Filter = [Rule() with { SrcAddressList = Negatable<string>.Is(over) }],
            Ipv4AddressList = [new AddressListEntry { List = over, Address = Net192 }],
        }, "SES0525", nftRefuses: true);
    }

    [RootFact]
    public void Apply_InterfaceListNameAtTheLimit_AcceptedOneMoreRefused()
    {
        using var ns = new NetNs();
        string longest = new('i', 252); // "if_" + 252 = 255 bytes
        AssertAccepted(ns, Config(Rule() with { InInterfaceList = Negatable<string>.Is(longest) }));
        AssertRefused(ns, Config(Rule() with { InInterfaceList = Negatable<string>.Is(longest + "i") }), "SES0526", nftRefuses: true);
    }

    [RootFact]
    public void Apply_LogPrefixAtTheLimit_AcceptedOneMoreRefused()
    {
        using var ns = new NetNs();
        AssertAccepted(ns, Config(Rule() with { Log = true, LogPrefix = new string('p', 127) }));
        // The compiler cuts "prefix chain: " to 127 bytes; nft itself refuses a 128-byte prefix.
        AssertRefused(ns, Config(Rule() with { Log = true, LogPrefix = new string('p', 128) }), "SES0527", nftRefuses: false);
        ns.InServer(() =>
        {
            using var nft = new NftContext();
            nft.Run($"add rule {NftNames.QualifiedTable} input log prefix \"{new string('p', 127)}\"");
            Assert.Throws<NftException>(() => nft.Run($"add rule {NftNames.QualifiedTable} input log prefix \"{new string('p', 128)}\""));
            return 0;
        });
    }

    /// <summary>
    /// nft's text reads <c>$b</c> inside a quoted prefix as a variable and refuses it; the JSON the daemon applies takes it
    /// literally. check refuses it (SES0528) so that <c>export --to nft | nft -f -</c> works for whatever check accepts.
    /// </summary>
    [RootFact]
    public void Apply_DollarInLogPrefix_RefusedByCheckLiteralInJson()
    {
        using var ns = new NetNs();
        AssertRefused(ns, Config(Rule() with { Log = true, LogPrefix = "a$b" }), "SES0528", nftRefuses: false);
        foreach (string prefix in (ReadOnlySpan<string>)["a\\b \"c\" #d;", "\u001b[2J\t\v%s{}\u00e9"])
        {
            AssertAccepted(ns, Config(Rule() with { Log = true, LogPrefix = prefix }));
        }

        // A byte that is not UTF-8 cannot travel in libnftables' JSON: check refuses it, and so does the back end.
        AssertRefused(ns, Config(Rule() with { Log = true, LogPrefix = Sesame.Text.RouterOsBytes.GetString([0xFF, 0x41]) }), "SES0531", nftRefuses: true);
    }

    [RootFact]
    public void Apply_TcpResetOnUdp_RefusedByBoth()
    {
        using var ns = new NetNs();
        FilterRule reject = Rule() with { Action = FilterAction.Reject, RejectWith = "tcp-reset" };
        AssertRefused(ns, Config(reject with { Protocol = Negatable<byte>.Is(17) }), "SES0529", nftRefuses: true);

        FirewallConfig withoutProtocol = Config(reject, reject with { Protocol = Negatable<byte>.Not(17) });
        Assert.Contains("SES0530", ConfigChecker.Check(withoutProtocol).Where(d => d.Severity == Severity.Warning).Select(d => d.Code));
        AssertAccepted(ns, withoutProtocol);
    }

    private static IpResult IpLink(NetNs ns, params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in (ReadOnlySpan<string>)["-n", ns.Server, "link", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)));
        return new IpResult(process.ExitCode, error);
    }

    private sealed record IpResult(int ExitCode, string Error)
    {
        public void ThrowIfFailed()
        {
            if (ExitCode != 0)
            {
                throw new InvalidOperationException($"ip link: {Error}");
            }
        }
    }
}
