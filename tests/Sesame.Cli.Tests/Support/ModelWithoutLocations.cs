using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Tests.Support;

/// <summary>A model with every source location cleared, so that two parses of different text compare by meaning.</summary>
internal static class ModelWithoutLocations
{
    public static FirewallConfig Of(FirewallConfig c) => c with
    {
        Ipv4Filter = [.. c.Ipv4Filter.Select(r => r with { Location = SourceLocation.None })],
        Ipv6Filter = [.. c.Ipv6Filter.Select(r => r with { Location = SourceLocation.None })],
        Ipv4AddressList = [.. c.Ipv4AddressList.Where(e => e.IsStatic).Select(e => e with { Location = SourceLocation.None })],
        Ipv6AddressList = [.. c.Ipv6AddressList.Where(e => e.IsStatic).Select(e => e with { Location = SourceLocation.None })],
        Layer7Protocols = [.. c.Layer7Protocols.Select(x => x with { Location = SourceLocation.None })],
        InterfaceLists = [.. c.InterfaceLists.Select(x => x with { Location = SourceLocation.None })],
        InterfaceListMembers = [.. c.InterfaceListMembers.Select(x => x with { Location = SourceLocation.None })],
        Scripts = [.. c.Scripts.Select(x => x with { Location = SourceLocation.None, SourceLocation = SourceLocation.None, SourceVerbatim = false })],
        Schedulers = [.. c.Schedulers.Select(x => x with { Location = SourceLocation.None, OnEventLocation = SourceLocation.None, OnEventVerbatim = false })],
    };
}
