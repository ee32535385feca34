namespace Sesame.Linux.Netlink;

/// <summary>
/// Constants of linux/netfilter/nf_tables.h and nfnetlink.h for nf_tables' change notifications, with their C names.
/// Every committed transaction is announced to group NFNLGRP_NFTABLES as one message per changed object, then one
/// NFT_MSG_NEWGEN naming the generation and the process that committed it.
/// </summary>
internal static class NftMonitorConstants
{
    public const int NFNLGRP_NFTABLES = 7;

    /// <summary>setsockopt level and option that join a netlink multicast group (linux/netlink.h).</summary>
    public const int SOL_NETLINK = 270;
    public const int NETLINK_ADD_MEMBERSHIP = 1;

    public const byte NFNL_SUBSYS_NFTABLES = 10;

    public const byte NFT_MSG_NEWTABLE = 0;
    public const byte NFT_MSG_DELTABLE = 2;
    public const byte NFT_MSG_NEWCHAIN = 3;
    public const byte NFT_MSG_DELCHAIN = 5;
    public const byte NFT_MSG_NEWRULE = 6;
    public const byte NFT_MSG_DELRULE = 8;
    public const byte NFT_MSG_NEWSET = 9;
    public const byte NFT_MSG_DELSET = 11;
    public const byte NFT_MSG_NEWSETELEM = 12;
    public const byte NFT_MSG_DELSETELEM = 14;
    public const byte NFT_MSG_NEWGEN = 15;
    public const byte NFT_MSG_GETGEN = 16;
    public const byte NFT_MSG_NEWOBJ = 18;
    public const byte NFT_MSG_DELOBJ = 20;
    public const byte NFT_MSG_NEWFLOWTABLE = 22;
    public const byte NFT_MSG_DELFLOWTABLE = 24;

    /// <summary>The table name is attribute 1 of every object message (NFTA_TABLE_NAME, NFTA_CHAIN_TABLE, NFTA_RULE_TABLE…).</summary>
    public const ushort NFTA_OBJECT_TABLE = 1;
    public const ushort NFTA_CHAIN_NAME = 3;
    public const ushort NFTA_RULE_CHAIN = 2;
    public const ushort NFTA_SET_NAME = 2;
    public const ushort NFTA_OBJ_NAME = 2;
    public const ushort NFTA_FLOWTABLE_NAME = 2;

    public const ushort NFTA_GEN_ID = 1;
    public const ushort NFTA_GEN_PROC_PID = 2;
    public const ushort NFTA_GEN_PROC_NAME = 3;

    public const byte NFPROTO_INET = 1;
}
