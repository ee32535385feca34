using Sesame.Model;
using Sesame.Net;

namespace Sesame.Profiles;

/// <summary>TCP ports that put a source on the blacklist, and for how long.</summary>
public sealed record BlacklistPorts(EquatableArray<PortRange> Ports, TimeSpan For);
