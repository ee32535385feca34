namespace Sesame.Tests.Property;

/// <summary>
/// A generated knock config: the stages fill <c>k1</c>, <c>k2</c>, …, the last one <c>secured</c> for
/// <see cref="GrantTimeoutMs"/>; an accept rule for <see cref="ProtectedPort"/> (any port when <see cref="AcceptAnyPort"/>);
/// an optional blacklist; static entries; a drop or reject at the end of input.
/// </summary>
/// <param name="Interface">0: rules name no interface, 1: <c>in-interface=ether1</c>, 2: <c>in-interface-list=WAN</c>.</param>
/// <param name="Jump">
/// 0: the stages are in <c>input</c>; otherwise in a chain <c>knock</c> that input jumps to, 1: always, 2: with
/// <c>connection-state=new</c>, 3: with <c>dst-address-type=local</c> (the variants of ROUTEROS.md §7.5).
/// </param>
/// <param name="Final">The last rule: 0 <c>drop</c>, 1 <c>reject</c>, 2 <c>reject reject-with=tcp-reset</c>, 3 <c>reject reject-with=icmp-admin-prohibited</c>.</param>
internal sealed record KnockConfig(
    bool Ipv6,
    KnockStage[] Stages,
    int GrantTimeoutMs,
    int ProtectedPort,
    bool AcceptAnyPort,
    KnockBlacklist? Blacklist,
    KnockStaticEntry[] Statics,
    int Interface,
    int Jump,
    int Final)
{
    public string StageList(int stage) => stage == Stages.Length - 1 ? "secured" : $"k{stage + 1}";
}
