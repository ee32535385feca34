using System.Net;

namespace Sesame.Tests.Property;

/// <summary>The addresses of one family in the lab: the server, the client sources, and the prefix holding sources 1 and up.</summary>
internal sealed record KnockAddresses(IPAddress Server, IPAddress[] Sources, string ExtraPrefix);
