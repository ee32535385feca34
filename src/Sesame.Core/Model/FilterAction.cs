namespace Sesame.Model;

/// <summary>Filter rule actions (ROUTEROS.md §2.3). Names follow RouterOS; see <see cref="FilterActions"/> for spellings.</summary>
public enum FilterAction
{
    Accept,
    Drop,
    Reject,
    Tarpit,
    AddSrcToAddressList,
    AddDstToAddressList,
    Jump,
    Return,
    Log,
    Passthrough,
    FasttrackConnection,
}
