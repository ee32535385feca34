using System.Globalization;
using System.Text;
using Sesame.Model;

namespace Sesame.Tests.Property;

/// <summary>
/// Writes a generated case as RouterOS script and as a trace line by line, in the forms <c>sesame simulate</c> reads, so a
/// counterexample can be pasted and replayed.
/// </summary>
internal static class KnockScript
{
    /// <summary>A rule timeout of <c>none-dynamic</c>.</summary>
    public const int NoneDynamic = -1;

    /// <summary>A rule timeout of <c>none-static</c>.</summary>
    public const int NoneStatic = -2;

    public static string Config(KnockConfig c, KnockAddresses a)
    {
        var s = new StringBuilder();
        string ip = c.Ipv6 ? "/ipv6" : "/ip";
        string inIf = c.Interface switch
        {
            1 => " in-interface=ether1",
            2 => " in-interface-list=WAN",
            _ => "",
        };
        if (c.Interface == 2)
        {
            s.Append("/interface list\nadd name=WAN\n/interface list member\nadd interface=ether1 list=WAN\n");
        }

        if (c.Statics.Length > 0)
        {
            s.Append(ip).Append(" firewall address-list\n");
            foreach (KnockStaticEntry e in c.Statics)
            {
                string address = e.Source < 0 ? a.ExtraPrefix : a.Sources[e.Source].ToString();
                s.Append(CultureInfo.InvariantCulture, $"add list={e.List} address={address}");
                if (e.TimeoutMs is { } t)
                {
                    s.Append(" timeout=").Append(Time(t));
                }

                if (e.Dynamic)
                {
                    s.Append(" dynamic=yes");
                }

                s.Append('\n');
            }
        }

        s.Append(ip).Append(" firewall filter\n");
        if (c.Blacklist is { DropFirst: true })
        {
            s.Append(CultureInfo.InvariantCulture, $"add chain=input action=drop src-address-list=blacklist{inIf}\n");
        }

        string chain = "input";
        if (c.Jump > 0)
        {
            chain = "knock";
            s.Append("add chain=input action=jump jump-target=knock").Append(c.Jump switch
            {
                2 => " connection-state=new",
                3 => " dst-address-type=local",
                _ => "",
            }).Append(inIf).Append('\n');
        }

        for (int i = 0; i < c.Stages.Length; i++)
        {
            KnockStage stage = c.Stages[i];
            s.Append(CultureInfo.InvariantCulture,
                $"add chain={chain} action=add-src-to-address-list address-list={c.StageList(i)} address-list-timeout={Time(i == c.Stages.Length - 1 ? c.GrantTimeoutMs : stage.TimeoutMs)}");
            s.Append(" protocol=").Append(Protocol(stage.Protocol, c.Ipv6));
            if (stage.Protocol != KnockProtocol.Icmp)
            {
                s.Append(" dst-port=").Append(stage.Port.ToString(CultureInfo.InvariantCulture));
                if (stage.ExtraPorts is { } more)
                {
                    s.Append(',').Append(more);
                }
            }
            else if (stage.IcmpData is { } data)
            {
                // packet-size is the IP total length: the IP header, 8 bytes of echo header, the data.
                s.Append(" packet-size=").Append(((c.Ipv6 ? 48 : 28) + data).ToString(CultureInfo.InvariantCulture));
            }

            if (stage.TcpFlags is { } flags && stage.Protocol == KnockProtocol.Tcp)
            {
                s.Append(" tcp-flags=").Append(flags);
            }

            if (i > 0)
            {
                s.Append(" src-address-list=").Append(c.StageList(i - 1));
            }
            else if (stage.NotAgain && c.Stages.Length > 1)
            {
                s.Append(" src-address-list=!").Append(c.StageList(0));
            }

            s.Append(inIf).Append('\n');
        }

        if (c.Blacklist is { } trap)
        {
            s.Append(CultureInfo.InvariantCulture,
                $"add chain=input action=add-src-to-address-list address-list=blacklist address-list-timeout={Time(trap.TimeoutMs)} protocol=tcp dst-port={trap.TrapPorts}");
            s.Append(trap.ExceptSecured ? " src-address-list=!secured" : "").Append(inIf).Append('\n');
        }

        s.Append("add chain=input action=accept src-address-list=secured");
        if (!c.AcceptAnyPort)
        {
            s.Append(" protocol=tcp dst-port=").Append(c.ProtectedPort.ToString(CultureInfo.InvariantCulture));
        }

        s.Append(inIf).Append('\n');
        if (c.Blacklist is { DropFirst: false })
        {
            s.Append(CultureInfo.InvariantCulture, $"add chain=input action=drop src-address-list=blacklist{inIf}\n");
        }

        s.Append("add chain=input action=").Append(c.Final switch
        {
            1 => "reject",
            2 => "reject reject-with=tcp-reset",
            3 => "reject reject-with=icmp-admin-prohibited",
            _ => "drop",
        }).Append(inIf).Append('\n');
        return s.ToString();
    }

    /// <summary>One trace line: the step sent at <paramref name="seconds"/> from source port <paramref name="sourcePort"/>.</summary>
    public static string TraceLine(KnockStep step, bool ipv6, KnockAddresses a, double seconds, int sourcePort)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{seconds:F4} {a.Sources[step.Source]} {Protocol(step.Protocol, ipv6)} ");
        s.Append(step.Protocol == KnockProtocol.Icmp ? "-" : step.Port.ToString(CultureInfo.InvariantCulture));
        s.Append(CultureInfo.InvariantCulture, $" dst={a.Server} in=ether1");
        if (step.Protocol != KnockProtocol.Icmp)
        {
            s.Append(CultureInfo.InvariantCulture, $" sport={sourcePort}");
        }

        if (step.Protocol == KnockProtocol.Tcp)
        {
            s.Append(" flags=").Append(Flags(step.Flags));
        }
        else if (step.PayloadLength > 0)
        {
            s.Append(" payload=\"").Append(Payload(step.PayloadLength)).Append('"');
        }

        return s.ToString();
    }

    /// <summary>The data of a UDP or ICMP step: printable, so that the trace shows it as it is.</summary>
    public static string Payload(int length) => new('k', length);

    public static string Time(int ms) => ms switch
    {
        NoneDynamic => "none-dynamic",
        NoneStatic => "none-static",
        _ when ms % 1000 == 0 => $"{ms / 1000}s",
        _ => $"{ms}ms",
    };

    private static string Protocol(KnockProtocol p, bool ipv6) => p switch
    {
        KnockProtocol.Tcp => "tcp",
        KnockProtocol.Udp => "udp",
        _ => ipv6 ? "icmpv6" : "icmp",
    };

    private static string Flags(TcpFlags flags)
    {
        var names = new List<string>();
        foreach ((TcpFlags flag, string name) in (ReadOnlySpan<(TcpFlags, string)>)[(TcpFlags.Fin, "fin"), (TcpFlags.Syn, "syn"), (TcpFlags.Rst, "rst"), (TcpFlags.Ack, "ack")])
        {
            if ((flags & flag) != 0)
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? "none" : string.Join(',', names);
    }
}
