using System.Globalization;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

internal sealed partial class ProfileParser
{
    private SourceLocation At(YamlNode node) => new(fileName, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>A mapping's values by key; unknown keys are reported with the closest known one.</summary>
    private Dictionary<string, YamlNode>? Fields(YamlNode node, string what, string[] known)
    {
        if (node is not YamlMappingNode map)
        {
            bag.Error(At(node), ProfileCodes.WrongShape, $"{what} must be a mapping of keys ({string.Join(", ", known)})");
            return null;
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key))
            {
                bag.Error(At(keyNode), ProfileCodes.UnknownKey,
                    $"unknown key '{key}' in {what}{Suggestion.DidYouMean(key, known)}; known keys: {string.Join(", ", known)}");
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }

    private string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        bag.Error(At(node), ProfileCodes.WrongShape, $"{what} must be a single value");
        return null;
    }

    /// <summary>A name RouterOS can carry unquoted or quoted: not empty, no control characters.</summary>
    private string? Name(YamlNode node, string what)
    {
        string? text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0 || text.Any(char.IsControl))
        {
            bag.Error(At(node), ProfileCodes.BadValue, $"{what} '{text}' is not a usable name");
            return null;
        }

        return text;
    }

    private EquatableArray<string> Names(YamlNode node, string what)
    {
        IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        var names = new List<string>();
        foreach (YamlNode item in items)
        {
            if (Name(item, what) is { } name)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private bool? Bool(YamlNode node)
    {
        string? text = Text(node, "a yes/no value");
        switch (text?.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            case null:
                return null;
            default:
                bag.Error(At(node), ProfileCodes.BadValue, $"'{text}' is not true or false");
                return null;
        }
    }

    private TimeSpan? Time(YamlNode node, string what)
    {
        if (Text(node, what) is not { } text)
        {
            return null;
        }

        if (!RouterOsTime.TryParse(text, out TimeSpan value, out string error) || value <= TimeSpan.Zero)
        {
            bag.Error(At(node), ProfileCodes.BadTime,
                $"{what}: '{text}' is not a time ({(error.Length > 0 ? error : "it must be longer than zero")}); write e.g. 30s, 5m, 1h30m");
            return null;
        }

        return value;
    }

    private byte? Protocol(YamlNode node)
    {
        string? text = Text(node, "protocol");
        switch (text?.ToLowerInvariant())
        {
            case "tcp":
                return IpProtocols.Tcp;
            case "udp":
                return IpProtocols.Udp;
            case null:
                return null;
            default:
                bag.Error(At(node), ProfileCodes.BadProtocol, $"protocol '{text}' is not a knock protocol; use tcp or udp");
                return null;
        }
    }

    /// <summary><c>888</c>, <c>888/udp</c> or knockd's <c>888:udp</c>.</summary>
    private (ushort Port, byte Protocol)? PortSpec(YamlNode node, string what)
    {
        if (Text(node, what) is not { } text)
        {
            return null;
        }

        int separator = text.IndexOfAny(['/', ':']);
        string portText = separator < 0 ? text : text[..separator];
        byte protocol = IpProtocols.Tcp;
        if (separator >= 0)
        {
            string name = text[(separator + 1)..].ToLowerInvariant();
            if (name is not ("tcp" or "udp"))
            {
                bag.Error(At(node), ProfileCodes.BadProtocol, $"{what} '{text}': protocol '{name}' is not tcp or udp");
                return null;
            }

            protocol = name == "udp" ? IpProtocols.Udp : IpProtocols.Tcp;
        }

        if (!TryPort(portText, out ushort port))
        {
            bag.Error(At(node), ProfileCodes.BadPort, $"{what} '{text}' is not a port: ports are whole numbers from 1 to 65535");
            return null;
        }

        return (port, protocol);
    }

    private EquatableArray<PortRange> PortRanges(YamlNode node, string what)
    {
        IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        var ranges = new List<PortRange>();
        foreach (YamlNode item in items)
        {
            if (Text(item, what) is not { } text)
            {
                continue;
            }

            string[] parts = text.Split('-');
            if (parts.Length is 1 or 2 && TryPort(parts[0], out ushort first) && TryPort(parts[^1], out ushort last) && first <= last)
            {
                ranges.Add(new PortRange(first, last));
            }
            else
            {
                bag.Error(At(item), ProfileCodes.BadPort, $"{what}: '{text}' is not a port or a range such as 10000-60000 (ports are 1 to 65535)");
            }
        }

        return [.. ranges];
    }

    private static bool TryPort(string text, out ushort port) =>
        ushort.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port > 0;

    private TcpFlagsMatch? Flags(YamlNode node)
    {
        if (Text(node, "tcp_flags") is not { } text)
        {
            return null;
        }

        if (!TcpFlagNames.TryParseMatch(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), out TcpFlagsMatch match, out string raw))
        {
            bag.Error(At(node), ProfileCodes.BadValue, $"tcp_flags: '{raw}' is not a TCP flag ({TcpFlagNames.All}, each may start with '!')");
            return null;
        }

        return match;
    }
}
