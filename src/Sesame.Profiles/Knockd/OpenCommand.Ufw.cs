using Sesame.Model;

namespace Sesame.Profiles;

internal static partial class OpenCommand
{
    /// <summary>
    /// <c>ufw [delete] allow [in] [proto tcp|udp] from %IP% [to any [port LIST]] [proto tcp|udp] [comment TEXT]</c>.
    /// Without a proto ufw opens a single port for TCP and UDP; a list or range needs one.
    /// </summary>
    private static string? Ufw(Args args, out OpenRule? rule)
    {
        rule = null;
        bool removes = false;
        // 'insert N' and 'prepend' depend on the rules already there (ufw refuses a position past the end), so they are hooks.
        string? verb = args.Value();
        if (verb == "delete")
        {
            removes = true;
            verb = args.Value();
        }

        if (verb != "allow")
        {
            return $"it is not 'ufw allow' ('{verb}')";
        }

        if (args.Peek == "in")
        {
            args.Take();
        }

        string? protocol = null;
        string? portList = null;
        bool from = false;
        bool to = false;
        while (args.More)
        {
            string word = args.Value()!;
            string? value = args.Value();
            string? why = word switch
            {
                "proto" when protocol is null => PortList.Protocol(value ?? "") is null ? $"its proto is '{value}', not tcp or udp" : SetText(ref protocol, value!),
                "from" when !from => value == "%IP%" ? Set(ref from) : $"it allows from '{value}', not exactly %IP%",
                "to" when from && !to => value == "any" ? Set(ref to) : $"it is restricted to destination '{value}', which a door's open ports cannot express",
                "port" when to && portList is null => value is null ? "'port' has no value" : SetText(ref portList, value),
                "port" when from && !to => "it matches a source port ('from %IP% port'), which a door's open ports cannot express",
                "app" => $"it names the ufw application profile '{value}', which the importer does not read",
                "on" => $"it is restricted to interface '{value}', which a door's open ports cannot express",
                "comment" when !args.More && value is not null => null,
                _ => $"'{word}' is ufw syntax the importer does not read",
            };
            if (why is not null)
            {
                return why;
            }
        }

        if (!from)
        {
            return "it does not allow 'from %IP%'";
        }

        var ports = new List<OpenPort>();
        if (portList is null)
        {
            return protocol is null ? Done(out rule, removes, ports) : $"it allows every {protocol} port, and a door opens either all input or single ports";
        }

        if (protocol is null && portList.AsSpan().IndexOfAny(",:") >= 0)
        {
            return "ufw takes a port list or range only with a proto, so the command fails";
        }

        byte[] protocols = protocol is null ? [IpProtocols.Tcp, IpProtocols.Udp] : [PortList.Protocol(protocol)!.Value];
        foreach (byte p in protocols)
        {
            if (PortList.Add(portList, ',', ':', p, ports) is { } why)
            {
                return why;
            }
        }

        return Done(out rule, removes, ports);

        static string? Done(out OpenRule rule, bool removes, List<OpenPort> ports)
        {
            rule = new OpenRule("ufw", removes, [.. ports]);
            return null;
        }
    }
}
