namespace Sesame.RouterOS.Console;

/// <summary>The properties of <c>/ip firewall filter</c> rules (MT-FILTER, MT-COMMON) and which of them Sesame models.</summary>
internal static class FilterProperties
{
    /// <summary>Typed into <see cref="Sesame.Model.FilterRule"/>.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        "chain", "action", "disabled", "comment", "address-list", "address-list-timeout", "jump-target", "reject-with",
        "log", "log-prefix", "protocol", "src-address", "dst-address", "src-address-list", "dst-address-list",
        "src-port", "dst-port", "port", "in-interface", "out-interface", "in-interface-list", "out-interface-list",
        "connection-state", "tcp-flags", "layer7-protocol", "packet-size", "src-address-type", "dst-address-type",
        "connection-limit",
    ];

    /// <summary>Real RouterOS filter properties that Sesame keeps verbatim but does not evaluate.</summary>
    public static readonly IReadOnlyList<string> Unsupported =
    [
        "connection-bytes", "connection-mark", "connection-nat-state", "connection-rate", "connection-type", "content",
        "dscp", "dst-limit", "fragment", "hotspot", "hw-offload", "icmp-options", "in-bridge-port", "in-bridge-port-list",
        "ingress-priority", "ipsec-policy", "ipv4-options", "limit", "nth", "out-bridge-port", "out-bridge-port-list",
        "p2p", "packet-mark", "per-connection-classifier", "priority", "psd", "random", "routing-mark", "routing-table",
        "src-mac-address", "tcp-mss", "time", "tls-host", "ttl", "headers", "hop-limit",
    ];

    public static readonly IReadOnlyList<string> All = [.. Supported, .. Unsupported];
}
