using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>The named counter of a rule: <see cref="Index"/> is the rule's place in its family's filter list.</summary>
public sealed record NftRuleCounter(IpFamily Family, int Index, ulong Packets, ulong Bytes);
