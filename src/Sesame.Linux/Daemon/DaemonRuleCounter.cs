namespace Sesame.Linux.Daemon;

/// <summary>A rule's kernel counter: family (<c>ip</c>, <c>ipv6</c>), its print number, chain, RouterOS action and comment.</summary>
public sealed record DaemonRuleCounter(string Family, int Index, string Chain, string Action, string Comment, ulong Packets, ulong Bytes);
