namespace Sesame.Spa;

/// <summary>fwknop's message types (<c>fko_message_type_t</c>), with their wire numbers.</summary>
public enum SpaMessageType
{
    Command = 0,
    Access = 1,
    NatAccess = 2,
    ClientTimeoutAccess = 3,
    ClientTimeoutNatAccess = 4,
    LocalNatAccess = 5,
    ClientTimeoutLocalNatAccess = 6,
}
