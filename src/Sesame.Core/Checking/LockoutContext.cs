using Sesame.Model;
using Sesame.Net;

namespace Sesame.Checking;

/// <summary>
/// What is known of the running door: its configuration and the address-list entries the kernel holds now, and the
/// interface the session arrives on if known.
/// </summary>
/// <param name="Running">The configuration the door runs now, or null when none runs or it is not known.</param>
/// <param name="Entries">The address-list entries the kernel holds now (list name, address or prefix); those that hold the session's client or server address are evaluated as if the lists had them.</param>
/// <param name="InInterface">The interface the session's packets arrive on, or null to try every interface the configurations name and one they do not.</param>
public sealed record LockoutContext(FirewallConfig? Running, IReadOnlyCollection<(string List, IpRange Address)> Entries, string? InInterface);
