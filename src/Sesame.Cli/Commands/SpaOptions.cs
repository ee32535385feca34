using System.CommandLine;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame knock --spa</c>'s own options, spelt as fwknop's client spells them where that fits.</summary>
internal sealed class SpaOptions
{
    public Option<bool> Spa { get; } = new("--spa") { Description = "Send one SPA packet (fwknop 2.6, Rijndael + HMAC) to HOST's SPA port instead of a knock sequence." };

    public Option<string?> Access { get; } = new("--access", "-A") { Description = "SPA: the ports to open, PROTO/PORT[,PROTO/PORT…] (e.g. tcp/22,udp/53); default: the door's." };

    public Option<string?> AllowIp { get; } = new("--allow-ip", "-a") { Description = "SPA: the address to open (IPv4 or IPv6), when the server allows naming one." };

    public Option<bool> SourceIp { get; } = new("--source-ip", "-s") { Description = "SPA: open the address the packet comes from (0.0.0.0 in the packet; the default)." };

    public Option<bool> ResolveIp { get; } = new("--resolve-ip", "-R") { Description = "SPA: open the local address the route to HOST leaves from (no web service is asked, unlike fwknop's -R; behind NAT use -a)." };

    public Option<int?> FwTimeout { get; } = new("--fw-timeout", "-f") { Description = "SPA: seconds of access to ask for (the server caps it)." };

    public Option<string?> User { get; } = new("--spa-user", "-U", "--spoof-user") { Description = "SPA: the user name in the packet (default: fwknop's, the login name); with --door, the door user whose keys are used." };

    public Option<int?> Port { get; } = new("--spa-port", "-p") { Description = $"SPA: the server's UDP port (default: the door's, the rc stanza's, else {Model.SpaDoor.DefaultPort})." };

    public Option<string?> Keys { get; } = new("--keys") { Description = "SPA: the key file (KEY_BASE64/HMAC_KEY_BASE64, as 'sesame keygen' and 'fwknop --key-gen' write it; mode 0600)." };

    public Option<string?> RcFile { get; } = new("--rc", "--rc-file") { Description = "SPA: an fwknoprc file to read (default with -n: ~/.fwknoprc)." };

    public Option<string?> Named { get; } = new("--named-config", "-n") { Description = "SPA: the fwknoprc stanza to use (over [default])." };

    public Option<string?> SavePacket { get; } = new("--save-packet", "-B") { Description = "SPA: also write the packet's text to this file (mode 0600); with --dry-run, build it without sending." };

    public void AddTo(Command command)
    {
        foreach (Option option in All())
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The first SPA-only option given without <c>--spa</c>, as typed, or null.</summary>
    public string? FirstGiven(ParseResult parse)
    {
        foreach (Option option in All())
        {
            if (option != Spa && parse.GetResult(option) is { Implicit: false })
            {
                return option.Name;
            }
        }

        return null;
    }

    private IEnumerable<Option> All() => [Spa, Access, AllowIp, SourceIp, ResolveIp, FwTimeout, User, Port, Keys, RcFile, Named, SavePacket];
}
