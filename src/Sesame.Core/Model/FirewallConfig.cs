namespace Sesame.Model;

/// <summary>
/// The rule model: everything of a router's configuration that port knocking uses, IPv4 and IPv6 kept apart as
/// RouterOS keeps them. Immutable; built by a front end (RouterOS script, door profile) and consumed by back ends.
/// Rules are in list order: a rule's index in <see cref="Ipv4Filter"/> is its RouterOS print number.
/// </summary>
public sealed record FirewallConfig
{
    public static FirewallConfig Empty { get; } = new();

    public EquatableArray<FilterRule> Ipv4Filter { get; init; } = EquatableArray<FilterRule>.Empty;

    public EquatableArray<FilterRule> Ipv6Filter { get; init; } = EquatableArray<FilterRule>.Empty;

    public EquatableArray<AddressListEntry> Ipv4AddressList { get; init; } = EquatableArray<AddressListEntry>.Empty;

    public EquatableArray<AddressListEntry> Ipv6AddressList { get; init; } = EquatableArray<AddressListEntry>.Empty;

    public EquatableArray<Layer7Protocol> Layer7Protocols { get; init; } = EquatableArray<Layer7Protocol>.Empty;

    public EquatableArray<InterfaceList> InterfaceLists { get; init; } = EquatableArray<InterfaceList>.Empty;

    public EquatableArray<InterfaceListMember> InterfaceListMembers { get; init; } = EquatableArray<InterfaceListMember>.Empty;

    public EquatableArray<SystemScript> Scripts { get; init; } = EquatableArray<SystemScript>.Empty;

    public EquatableArray<SystemScheduler> Schedulers { get; init; } = EquatableArray<SystemScheduler>.Empty;

    /// <summary>Sesame extension: the SPA doors that rules name with <see cref="FilterRule.SpaDoor"/>.</summary>
    public EquatableArray<SpaDoor> SpaDoors { get; init; } = EquatableArray<SpaDoor>.Empty;
}
