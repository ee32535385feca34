using Sesame.Net;

namespace Sesame.Linux.Netlink;

/// <summary>
/// One nf_tables change notification: <paramref name="Type"/> is the NFT_MSG_* value, <paramref name="Family"/> the table's
/// NFPROTO_*, <paramref name="Name"/> the chain (for a rule: its chain), set, object or flowtable the change is about.
/// For NFT_MSG_NEWGEN only the generation fields are set: the process that committed the transaction whose object
/// messages came just before.
/// </summary>
internal sealed record NftChange(
    byte Type,
    byte Family,
    string Table,
    string? Name,
    IReadOnlyList<(IpRange Address, NftElementState State)> Elements,
    uint Generation = 0,
    uint ProcessId = 0,
    string ProcessName = "")
{
    public bool IsGeneration => Type == NftMonitorConstants.NFT_MSG_NEWGEN;

    /// <summary>A short name for the log line: <c>delete-chain:input</c>, <c>add-rule:input</c>, <c>delete-table</c>.</summary>
    public string Describe()
    {
        string what = Type switch
        {
            NftMonitorConstants.NFT_MSG_NEWTABLE => "add-table",
            NftMonitorConstants.NFT_MSG_DELTABLE => "delete-table",
            NftMonitorConstants.NFT_MSG_NEWCHAIN => "add-chain",
            NftMonitorConstants.NFT_MSG_DELCHAIN => "delete-chain",
            NftMonitorConstants.NFT_MSG_NEWRULE => "add-rule",
            NftMonitorConstants.NFT_MSG_DELRULE => "delete-rule",
            NftMonitorConstants.NFT_MSG_NEWSET => "add-set",
            NftMonitorConstants.NFT_MSG_DELSET => "delete-set",
            NftMonitorConstants.NFT_MSG_NEWSETELEM => "add-element",
            NftMonitorConstants.NFT_MSG_DELSETELEM => "delete-element",
            NftMonitorConstants.NFT_MSG_NEWOBJ => "add-object",
            NftMonitorConstants.NFT_MSG_DELOBJ => "delete-object",
            NftMonitorConstants.NFT_MSG_NEWFLOWTABLE => "add-flowtable",
            NftMonitorConstants.NFT_MSG_DELFLOWTABLE => "delete-flowtable",
            _ => "message-" + Type.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Name is null ? what : what + ":" + Name;
    }
}
