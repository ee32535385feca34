namespace Sesame.Engine;

/// <summary>When the firewall tracks connections (RouterOS <c>/ip firewall connection tracking set enabled=</c>, ROUTEROS.md §2.6).</summary>
public enum ConnectionTracking : byte
{
    /// <summary>Every packet is tracked, so <see cref="PacketResult.State"/> always tells the packet's state.</summary>
    Always,

    /// <summary>
    /// Tracked only when some enabled rule can observe connections (connection-state, connection-limit, layer7-protocol
    /// or fasttrack-connection). Otherwise packets are <see cref="Model.ConnectionStates.Untracked"/> and verdicts,
    /// counters and address lists are exactly those of <see cref="Always"/>, at a fraction of the cost.
    /// </summary>
    Auto,
}
