namespace Sesame.Model;

public enum AddressListTimeoutKind : byte
{
    NoneDynamic,
    NoneStatic,
    Timed,
}
