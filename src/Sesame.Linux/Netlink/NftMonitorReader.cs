using System.Buffers.Binary;
using System.Text;
using Sesame.Net;

namespace Sesame.Linux.Netlink;

/// <summary>
/// Walks the nf_tables notifications of one <c>recv</c> on group NFNLGRP_NFTABLES (several messages may share a datagram,
/// each 4-byte aligned). Messages of other netlink subsystems, acknowledgements and NLMSG_DONE are skipped. The first
/// error sticks: a message or attribute that runs past its end stops the walk and is reported through
/// <see cref="Error"/>, so that a caller guarding a table treats the datagram as "something changed, unknown what"
/// instead of dropping it silently.
/// </summary>
internal ref struct NftMonitorReader
{
    private ReadOnlySpan<byte> _rest;

    public NftMonitorReader(ReadOnlySpan<byte> datagram)
    {
        _rest = datagram;
    }

    /// <summary>What was wrong with the datagram, or null; once set, <see cref="TryReadNext"/> returns false.</summary>
    public string? Error { get; private set; }

    /// <summary>The next nf_tables change; false at the end of the datagram or at the first error.</summary>
    public bool TryReadNext(out NftChange change)
    {
        change = null!;
        while (Error is null && !_rest.IsEmpty)
        {
            if (_rest.Length < NflogConstants.NLMSG_HDRLEN)
            {
                return Fail($"{_rest.Length} bytes after the last message, too few for a netlink header");
            }

            if (!NetlinkMessage.TryRead(_rest, out NetlinkMessage message, out int consumed, out uint length))
            {
                return Fail($"a message of {length} bytes in {_rest.Length} remaining (truncated)");
            }

            _rest = _rest[consumed..];
            ushort type = message.Type;
            ReadOnlySpan<byte> body = message.Body;
            if (type >> 8 != NftMonitorConstants.NFNL_SUBSYS_NFTABLES)
            {
                continue; // NLMSG_ERROR/NLMSG_DONE (type < 256) or another subsystem
            }

            if (body.Length < NflogConstants.NFGENMSG_LEN)
            {
                return Fail($"nf_tables message {type & 0xff} without its nfgenmsg header");
            }

            if (TryDecode((byte)(type & 0xff), body[0], body[NflogConstants.NFGENMSG_LEN..], out change))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryDecode(byte type, byte family, ReadOnlySpan<byte> attributes, out NftChange change)
    {
        change = null!;
        string table = "";
        string? name = null;
        uint generation = 0;
        uint pid = 0;
        string processName = "";
        var elements = new List<(IpRange, NftElementState)>();
        ReadOnlySpan<byte> all = attributes;
        ushort nameAttribute = type switch
        {
            NftMonitorConstants.NFT_MSG_NEWCHAIN or NftMonitorConstants.NFT_MSG_DELCHAIN => NftMonitorConstants.NFTA_CHAIN_NAME,
            NftMonitorConstants.NFT_MSG_NEWRULE or NftMonitorConstants.NFT_MSG_DELRULE => NftMonitorConstants.NFTA_RULE_CHAIN,
            NftMonitorConstants.NFT_MSG_NEWSET or NftMonitorConstants.NFT_MSG_DELSET => NftMonitorConstants.NFTA_SET_NAME,
            NftMonitorConstants.NFT_MSG_NEWSETELEM or NftMonitorConstants.NFT_MSG_DELSETELEM => NftSetElementMessages.NFTA_SET_ELEM_LIST_SET,
            NftMonitorConstants.NFT_MSG_NEWOBJ or NftMonitorConstants.NFT_MSG_DELOBJ => NftMonitorConstants.NFTA_OBJ_NAME,
            NftMonitorConstants.NFT_MSG_NEWFLOWTABLE or NftMonitorConstants.NFT_MSG_DELFLOWTABLE => NftMonitorConstants.NFTA_FLOWTABLE_NAME,
            _ => 0,
        };

        while (!attributes.IsEmpty)
        {
            if (attributes.Length < 4)
            {
                return Fail($"{attributes.Length} bytes after the last attribute of nf_tables message {type}");
            }

            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            ushort attribute = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & NflogConstants.NLA_TYPE_MASK);
            if (length < 4 || length > attributes.Length)
            {
                return Fail($"an attribute of {length} bytes in {attributes.Length} remaining in nf_tables message {type} (truncated)");
            }

            ReadOnlySpan<byte> value = attributes[4..length];
            attributes = attributes[Math.Min(attributes.Length, Align(length))..];
            if (type == NftMonitorConstants.NFT_MSG_NEWGEN)
            {
                switch (attribute)
                {
                    case NftMonitorConstants.NFTA_GEN_ID when value.Length == 4:
                        generation = BinaryPrimitives.ReadUInt32BigEndian(value);
                        break;
                    case NftMonitorConstants.NFTA_GEN_PROC_PID when value.Length == 4:
                        pid = BinaryPrimitives.ReadUInt32BigEndian(value);
                        break;
                    case NftMonitorConstants.NFTA_GEN_PROC_NAME:
                        processName = CString(value);
                        break;
                }

                continue;
            }

            if (attribute == NftMonitorConstants.NFTA_OBJECT_TABLE)
            {
                table = CString(value);
            }
            else if (attribute == nameAttribute)
            {
                name = CString(value);
            }
        }

        if (type is NftMonitorConstants.NFT_MSG_NEWSETELEM or NftMonitorConstants.NFT_MSG_DELSETELEM)
        {
            NftSetElementMessages.ReadElements(all, elements);
        }

        change = new NftChange(type, family, table, name, elements, generation, pid, processName);
        return true;
    }

    private bool Fail(string message)
    {
        Error ??= message;
        _rest = default;
        return false;
    }

    /// <summary>A NUL-terminated name; control characters cannot reach a log line because the log quotes them away.</summary>
    private static string CString(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? value[..nul] : value);
    }

    private static int Align(int length) => (length + 3) & ~3;
}
