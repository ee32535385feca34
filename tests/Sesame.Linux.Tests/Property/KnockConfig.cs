namespace Sesame.Tests.Property;

/// <summary>
/// A generated knock config: the stages fill <c>k1</c>, <c>k2</c>, …, the last one <c>secured</c> for
/// <see cref="GrantTimeoutMs"/>; an accept rule for <see cref="ProtectedPort"/> (any port when <see cref="AcceptAnyPort"/>);
/// an optional blacklist; static entries; a drop at the end of input.
/// </summary>
/// <param name="Interface">0: rules name no interface, 1: <c>in-interface=ether1</c>, 2: <c>in-interface-list=WAN</c>.</param>
internal sealed record KnockConfig(
    bool Ipv6,
    KnockStage[] Stages,
    int GrantTimeoutMs,
    int ProtectedPort,
    bool AcceptAnyPort,
    KnockBlacklist? Blacklist,
    KnockStaticEntry[] Statics,
    int Interface)
{
    public string StageList(int stage) => stage == Stages.Length - 1 ? "secured" : $"k{stage + 1}";
}
