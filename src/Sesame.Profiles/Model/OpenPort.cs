using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>A port a door opens to the knocked source.</summary>
public sealed record OpenPort(ushort Port, byte Protocol)
{
    public override string ToString() => Protocol == IpProtocols.Tcp ? $"{Port}" : $"{Port}/{IpProtocols.ToName(Protocol)}";
}
