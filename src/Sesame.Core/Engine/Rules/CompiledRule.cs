using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine.Rules;

/// <summary>
/// A filter rule in evaluation form: names resolved to ids, negations as flags, so matching compares integers.
/// A matcher that is not set has its <c>Has…</c> flag false (or its id -1).
/// </summary>
internal sealed class CompiledRule
{
    public int Index;
    public FilterAction Action;

    public int AddressList = -1;
    public AddressListTimeout Timeout = AddressListTimeout.NoneDynamic;
    public int JumpChain = -1;

    public bool HasProtocol;
    public bool ProtocolNegated;
    public byte Protocol;

    public int InInterface = -1;
    public bool InInterfaceNegated;
    public int OutInterface = -1;
    public bool OutInterfaceNegated;
    public int InInterfaceList = -1;
    public bool InInterfaceListNegated;
    public int OutInterfaceList = -1;
    public bool OutInterfaceListNegated;

    public bool HasSrcAddress;
    public bool SrcAddressNegated;
    public IpRange SrcAddress;
    public bool HasDstAddress;
    public bool DstAddressNegated;
    public IpRange DstAddress;

    public bool HasSrcAddressType;
    public bool SrcAddressTypeNegated;
    public AddressTypes SrcAddressType;
    public bool HasDstAddressType;
    public bool DstAddressTypeNegated;
    public AddressTypes DstAddressType;

    public PortRange[]? DstPorts;
    public bool DstPortsNegated;
    public PortRange[]? SrcPorts;
    public bool SrcPortsNegated;
    public PortRange[]? AnyPorts;
    public bool AnyPortsNegated;

    public bool HasTcpFlags;
    public TcpFlagsMatch TcpFlags;

    public bool HasPacketSize;
    public bool PacketSizeNegated;
    public SizeRange PacketSize;

    public bool HasConnectionState;
    public bool ConnectionStateNegated;
    public ConnectionStates ConnectionState;

    public int SrcAddressList = -1;
    public bool SrcAddressListNegated;
    public int DstAddressList = -1;
    public bool DstAddressListNegated;

    public bool HasConnectionLimit;
    public bool ConnectionLimitNegated;
    public ConnectionLimit ConnectionLimit;

    /// <summary>Index into the firewall's compiled Layer7 patterns, or -1.</summary>
    public int Layer7 = -1;
}
