namespace Sesame.Net;

/// <summary>IPv4 or IPv6. RouterOS keeps the two in separate menus (<c>/ip</c> and <c>/ipv6</c>).</summary>
public enum IpFamily : byte
{
    V4 = 4,
    V6 = 6,
}
