using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Tests.Export;

/// <summary>
/// Brings two models to the form in which a round trip must agree: no source locations, no dynamic address-list
/// entries (export leaves them out, ROUTEROS.md §3.3), and free-form properties sorted by name (export writes them in
/// alphabetical order, §5.3; their order carries no meaning on RouterOS).
/// </summary>
internal static class ModelNormalizer
{
    public static FirewallConfig Normalize(FirewallConfig config) => config with
    {
        Ipv4Filter = [.. config.Ipv4Filter.Select(Normalize)],
        Ipv6Filter = [.. config.Ipv6Filter.Select(Normalize)],
        Ipv4AddressList = [.. config.Ipv4AddressList.Where(e => e.IsStatic).Select(e => e with { Location = SourceLocation.None })],
        Ipv6AddressList = [.. config.Ipv6AddressList.Where(e => e.IsStatic).Select(e => e with { Location = SourceLocation.None })],
        Layer7Protocols = [.. config.Layer7Protocols.Select(p => p with { Location = SourceLocation.None })],
        InterfaceLists = [.. config.InterfaceLists.Select(l => l with { Location = SourceLocation.None })],
        InterfaceListMembers = [.. config.InterfaceListMembers.Select(m => m with { Location = SourceLocation.None })],
        Scripts = [.. config.Scripts.Select(s => s with { Properties = Sorted(s.Properties), Location = SourceLocation.None, SourceLocation = SourceLocation.None, SourceVerbatim = false })],
        Schedulers = [.. config.Schedulers.Select(s => s with { Properties = Sorted(s.Properties), Location = SourceLocation.None, OnEventLocation = SourceLocation.None, OnEventVerbatim = false })],
    };

    private static FilterRule Normalize(FilterRule rule) =>
        rule with { Unsupported = Sorted(rule.Unsupported), Location = SourceLocation.None };

    private static EquatableArray<RawProperty> Sorted(EquatableArray<RawProperty> properties) =>
        [.. properties.OrderBy(p => p.Name, StringComparer.Ordinal)];
}
