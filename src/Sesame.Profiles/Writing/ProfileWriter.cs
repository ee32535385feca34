using System.Text;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>Writes a profile as YAML that <see cref="ProfileReader"/> reads back to the same profile; defaults are left out.</summary>
public static class ProfileWriter
{
    public static string Write(DoorProfile profile, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var sb = new StringBuilder();
        if (header is not null)
        {
            foreach (string line in header.Split('\n'))
            {
                sb.Append("# ").Append(YamlScalar.Comment(line)).Append('\n');
            }
        }

        var defaults = new DoorProfile();
        sb.Append("interfaces:\n");
        sb.Append("  outside: [").Append(string.Join(", ", profile.Outside.Select(Scalar))).Append("]\n");
        sb.Append("  inside: [").Append(string.Join(", ", profile.Inside.Select(Scalar))).Append("]\n");
        if (profile.AcceptEstablished != defaults.AcceptEstablished || profile.DropOutsideInput != defaults.DropOutsideInput)
        {
            sb.Append("router:\n");
            sb.Append("  accept_established: ").Append(Bool(profile.AcceptEstablished)).Append('\n');
            sb.Append("  drop_outside_input: ").Append(Bool(profile.DropOutsideInput)).Append('\n');
        }

        sb.Append("doors:\n");
        foreach (Door door in profile.Doors)
        {
            WriteDoor(sb, door);
        }

        if (profile.Blacklist is { } blacklist)
        {
            sb.Append("blacklist:\n");
            sb.Append("  enabled: ").Append(Bool(blacklist.Enabled)).Append('\n');
            if (blacklist.List != "blacklist")
            {
                sb.Append("  list: ").Append(Scalar(blacklist.List)).Append('\n');
            }

            WritePorts(sb, "trap", blacklist.Trap);
            WritePorts(sb, "scan", blacklist.Scan);
        }

        return sb.ToString();
    }

    private static void WriteDoor(StringBuilder sb, Door door)
    {
        sb.Append("  - name: ").Append(Scalar(door.Name)).Append('\n');
        if (door.Spa is { } spa)
        {
            WriteSpaDoor(sb, door, spa);
            return;
        }

        bool simple = door.Knocks.All(k => k.Passphrase is null && k.List is null);
        if (simple)
        {
            sb.Append("    knocks: [").Append(string.Join(", ", door.Knocks)).Append("]\n");
        }
        else
        {
            sb.Append("    knocks:\n");
            foreach (KnockStep k in door.Knocks)
            {
                sb.Append("      - {port: ").Append(k.Port).Append(", protocol: ").Append(IpProtocols.ToName(k.Protocol));
                if (k.Passphrase is { } p)
                {
                    sb.Append(", passphrase: ").Append(Quoted(p));
                }

                if (k.List is { } l)
                {
                    sb.Append(", list: ").Append(Scalar(l));
                }

                sb.Append("}\n");
            }
        }

        sb.Append("    step_time: ").Append(RouterOsTime.Format(door.StepTime)).Append('\n');
        if (door.SequenceTime is { } sequence)
        {
            sb.Append("    sequence_time: ").Append(RouterOsTime.Format(sequence)).Append('\n');
        }

        sb.Append("    open: ").Append(door.OpensNothing ? "none" : door.Open.Count == 0 ? "all" : $"[{string.Join(", ", door.Open)}]").Append('\n');
        sb.Append("    open_for: ").Append(RouterOsTime.Format(door.OpenFor)).Append('\n');
        if (door.Family != DoorFamily.Both)
        {
            sb.Append("    family: ").Append(door.Family == DoorFamily.Ipv4 ? "ipv4" : "ipv6").Append('\n');
        }

        if (door.ResetOnWrongKnock)
        {
            sb.Append("    reset_on_wrong_knock: true\n");
        }

        if (door.Interface is { } iface)
        {
            sb.Append("    interface: ").Append(Scalar(iface)).Append('\n');
        }

        if (door.List is { } list)
        {
            sb.Append("    list: ").Append(Scalar(list)).Append('\n');
        }

        if (door.TcpFlags is { } flags)
        {
            var names = TcpFlagNames.Pairs.Where(p => flags.Set.HasFlag(p.Flag)).Select(p => p.Name)
                .Concat(TcpFlagNames.Pairs.Where(p => flags.Clear.HasFlag(p.Flag)).Select(p => "!" + p.Name));
            sb.Append("    tcp_flags: ").Append(Quoted(string.Join(",", names))).Append('\n');
        }

        if (door.Hooks is { } hooks)
        {
            sb.Append("    hooks:\n");
            if (hooks.Start is { } start)
            {
                sb.Append("      start: ").Append(Quoted(start)).Append('\n');
            }

            if (hooks.Stop is { } stop)
            {
                sb.Append("      stop: ").Append(Quoted(stop)).Append('\n');
            }

            if (hooks.StopAfter is { } after)
            {
                sb.Append("      stop_after: ").Append(RouterOsTime.Format(after)).Append('\n');
            }

            if (hooks.Shell)
            {
                sb.Append("      shell: true\n");
            }

            if (hooks.TimeLimit != DoorHooks.DefaultTimeLimit)
            {
                sb.Append("      time_limit: ").Append(RouterOsTime.Format(hooks.TimeLimit)).Append('\n');
            }
        }
    }

    /// <summary>An SPA door: every setting written out (they are few), key files by name, never a key.</summary>
    private static void WriteSpaDoor(StringBuilder sb, Door door, DoorSpa spa)
    {
        sb.Append("    spa:\n");
        sb.Append("      port: ").Append(spa.Port).Append('\n');
        sb.Append("      window: ").Append(RouterOsTime.Format(spa.Window)).Append('\n');
        sb.Append("      allow_address: ").Append(Bool(spa.AllowAddress)).Append('\n');
        sb.Append("      require_address: ").Append(Bool(spa.RequireAddress)).Append('\n');
        sb.Append("      max_open_for: ").Append(RouterOsTime.Format(spa.MaxOpenFor)).Append('\n');
        sb.Append("      users:\n");
        foreach (DoorSpaUser user in spa.Users)
        {
            sb.Append("        - name: ").Append(Scalar(user.Name)).Append('\n');
            sb.Append("          source: ").Append(user.Sources.Count == 0 ? "any" : $"[{string.Join(", ", user.Sources.Select(r => Quoted(r.ToString())))}]").Append('\n');
            sb.Append("          keys: ").Append(Quoted(user.KeyFile)).Append('\n');
            if (user.Open.Count > 0)
            {
                sb.Append("          open: [").Append(string.Join(", ", user.Open)).Append("]\n");
            }

            if (user.OpenFor is { } openFor)
            {
                sb.Append("          open_for: ").Append(RouterOsTime.Format(openFor)).Append('\n');
            }

            if (user.MaxOpenFor is { } maxOpenFor)
            {
                sb.Append("          max_open_for: ").Append(RouterOsTime.Format(maxOpenFor)).Append('\n');
            }
        }

        sb.Append("    open: [").Append(string.Join(", ", door.Open)).Append("]\n");
        sb.Append("    open_for: ").Append(RouterOsTime.Format(door.OpenFor)).Append('\n');
        if (door.Family != DoorFamily.Both)
        {
            sb.Append("    family: ").Append(door.Family == DoorFamily.Ipv4 ? "ipv4" : "ipv6").Append('\n');
        }

        if (door.Interface is { } iface)
        {
            sb.Append("    interface: ").Append(Scalar(iface)).Append('\n');
        }
    }

    private static void WritePorts(StringBuilder sb, string name, BlacklistPorts? ports)
    {
        if (ports is null)
        {
            return;
        }

        sb.Append("  ").Append(name).Append(":\n");
        sb.Append("    ports: [").Append(string.Join(", ", ports.Ports)).Append("]\n");
        sb.Append("    for: ").Append(RouterOsTime.Format(ports.For)).Append('\n');
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Scalar(string value) => YamlScalar.Name(value);

    private static string Quoted(string value) => YamlScalar.Quoted(value);
}
