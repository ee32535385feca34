using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sesame.Spa;

namespace Sesame.Knock.Spa;

/// <summary>Builds one SPA packet for a plan and sends it to the server as one UDP datagram.</summary>
public sealed class SpaKnockClient(SpaKnockPlan plan, TimeProvider time)
{
    /// <summary>The address text the packet will carry: <c>0.0.0.0</c>, the <c>-a</c> address, or for <c>-R</c> the local address the route to <paramref name="target"/> leaves from.</summary>
    public string AccessAddress(IPAddress target) => plan.Allow.Kind switch
    {
        SpaAllowKind.Address => plan.Allow.Address!.ToString(),
        SpaAllowKind.Resolve => LocalAddressTowards(target).ToString(),
        _ => SpaAllow.SourceText,
    };

    /// <summary>The message the packet will carry (fresh random value and the clock's time).</summary>
    public SpaMessage NewMessage(IPAddress target) =>
        SpaPacket.NewAccess(plan.User, AccessAddress(target), plan.Access, plan.FwTimeout, time);

    /// <summary>Encrypts and authenticates <paramref name="message"/>: the datagram's text.</summary>
    public string Encode(SpaMessage message) => SpaPacket.Encode(message, plan.Keys);

    /// <summary>Sends <paramref name="packet"/> to the plan's port on <paramref name="target"/>.</summary>
    /// <exception cref="KnockException">The datagram could not be sent (no route, a local firewall, a bad source).</exception>
    public void Send(IPAddress target, string packet) =>
        UdpKnock.Send(new IPEndPoint(target, plan.Port), Encoding.ASCII.GetBytes(packet), plan.Settings);

    /// <summary>One line describing what is sent, without secrets: never key bytes, never the packet.</summary>
    public string Describe(IPAddress target, SpaMessage message)
    {
        string where = target.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target}]:{plan.Port}" : $"{target}:{plan.Port}";
        string timeout = message.ClientTimeout is int seconds ? $" for {seconds.ToString(CultureInfo.InvariantCulture)} s" : "";
        return $"spa  {where}  user {message.User}, open {message.AccessAddress} to {SpaAccess.Format(message.Ports)}{timeout}, keys {plan.KeysOrigin ?? "given"} (HMAC-{plan.Keys.HmacType.ToString().ToUpperInvariant()})";
    }

    /// <summary>The local address a datagram to <paramref name="target"/> would leave from (a connected UDP socket sends nothing).</summary>
    private IPAddress LocalAddressTowards(IPAddress target)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        SocketBinding.Apply(socket, plan.Settings);
        try
        {
            socket.Connect(new IPEndPoint(target, plan.Port));
        }
        catch (SocketException ex)
        {
            throw SocketBinding.SendFailure(ex, new IPEndPoint(target, plan.Port));
        }

        var local = (IPEndPoint)socket.LocalEndPoint!;
        return local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
    }
}
