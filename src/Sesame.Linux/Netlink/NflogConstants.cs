namespace Sesame.Linux.Netlink;

/// <summary>Constants of linux/netlink.h, linux/netfilter/nfnetlink.h and nfnetlink_log.h, with their C names.</summary>
internal static class NflogConstants
{
    public const int NLMSG_HDRLEN = 16;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_ACK = 0x4;

    public const int NFGENMSG_LEN = 4;
    public const byte NFNETLINK_V0 = 0;
    public const byte NFNL_SUBSYS_ULOG = 4;
    public const byte NFULNL_MSG_PACKET = 0;
    public const byte NFULNL_MSG_CONFIG = 1;

    public const ushort NFULA_CFG_CMD = 1;
    public const ushort NFULA_CFG_MODE = 2;
    public const ushort NFULA_CFG_NLBUFSIZ = 3;
    public const ushort NFULA_CFG_TIMEOUT = 4;
    public const ushort NFULA_CFG_QTHRESH = 5;

    public const byte NFULNL_CFG_CMD_BIND = 1;
    public const byte NFULNL_CFG_CMD_UNBIND = 2;
    public const byte NFULNL_COPY_PACKET = 2;

    public const ushort NFULA_PACKET_HDR = 1;
    public const ushort NFULA_IFINDEX_INDEV = 4;
    public const ushort NFULA_PAYLOAD = 9;
    public const ushort NFULA_PREFIX = 10;

    /// <summary>Attribute types carry flag bits (NLA_F_NESTED, NLA_F_NET_BYTEORDER) above this mask.</summary>
    public const ushort NLA_TYPE_MASK = 0x3fff;

    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;
}
