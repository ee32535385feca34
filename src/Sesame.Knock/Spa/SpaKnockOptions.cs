namespace Sesame.Knock.Spa;

/// <summary>An SPA knock as typed on the command line (fwknop's option names where they fit), before validation.</summary>
/// <param name="Host">HOST, or null to take the rc file's <c>SPA_SERVER</c>.</param>
/// <param name="Access">fwknop's <c>-A</c>: <c>tcp/22[,udp/53]</c>.</param>
/// <param name="AllowIp">fwknop's <c>-a</c>: the address to open.</param>
/// <param name="SourceIp">fwknop's <c>-s</c>: open the packet's source address (<c>0.0.0.0</c> in the packet).</param>
/// <param name="ResolveIp">Our <c>-R</c>: the local address the route to HOST leaves from.</param>
/// <param name="FwTimeout">fwknop's <c>-f</c>: seconds of access asked for.</param>
/// <param name="SavePacket">fwknop's <c>-B</c>: also write the packet's text to this file (mode 0600).</param>
public sealed record SpaKnockOptions(
    string? Host,
    string? Access = null,
    string? AllowIp = null,
    bool SourceIp = false,
    bool ResolveIp = false,
    int? FwTimeout = null,
    string? User = null,
    int? Port = null,
    bool Ipv4 = false,
    bool Ipv6 = false,
    string? Source = null,
    string? Interface = null,
    string? Wait = null,
    int WaitTimeoutMs = 10_000,
    string? Then = null,
    string? SavePacket = null,
    bool DryRun = false,
    bool Verbose = false);
