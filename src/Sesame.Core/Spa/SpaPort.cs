using Sesame.Model;

namespace Sesame.Spa;

/// <summary>One <c>proto/port</c> of an SPA access request (<c>tcp/22</c>); <see cref="Protocol"/> is an IP protocol number.</summary>
public readonly record struct SpaPort(byte Protocol, ushort Port)
{
    public override string ToString() => $"{IpProtocols.ToName(Protocol)}/{Port}";
}
