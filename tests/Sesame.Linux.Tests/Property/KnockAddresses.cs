using System.Net;

namespace Sesame.Tests.Property;

/// <summary>The addresses of one family in the lab: the server, the client sources, and the prefix holding sources 1 and up.</summary>
internal sealed record KnockAddresses(IPAddress Server, IPAddress[] Sources, string ExtraPrefix)
{
    /// <summary>The lab's IPv4 addresses for subnet 1, to print a case before it has run in a lab.</summary>
    public static KnockAddresses ExampleV4 { get; } =
        new(IPAddress.Parse("10.201.1.2"), [IPAddress.Parse("10.201.1.1"), IPAddress.Parse("10.202.1.1"), IPAddress.Parse("10.202.1.2")], "10.202.1.0/24");

    /// <summary>The lab's IPv6 addresses for subnet 1.</summary>
    public static KnockAddresses ExampleV6 { get; } =
        new(IPAddress.Parse("fd00:5e5b:1::2"), [IPAddress.Parse("fd00:5e5b:1::1"), IPAddress.Parse("fd00:5e5b:1::11"), IPAddress.Parse("fd00:5e5b:1::12")], "fd00:5e5b:1::10/124");
}
