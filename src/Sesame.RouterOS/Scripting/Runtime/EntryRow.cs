using System.Globalization;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Values;
using Sesame.Scripting;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>An address-list entry's properties (MT-AL-CLI): what <c>get</c> returns and <c>find</c> compares.</summary>
internal sealed class EntryRow(ScriptListEntry entry, string menu) : IItemRow
{
    public static readonly string[] Properties = ["list", "address", "timeout", "comment", "dynamic", "disabled", "creation-time", ".id"];

    public IReadOnlyList<string> Names => Properties;

    public bool TryGet(string property, out RosValue value)
    {
        value = property switch
        {
            "list" => new RosStr(entry.List),
            "address" => entry.Address is IpRange range ? FromRange(range) : new RosStr(entry.DnsName ?? ""),
            "timeout" => entry.Timeout is TimeSpan t ? new RosTime(t) : RosNothing.Instance,
            "comment" => new RosStr(entry.Comment ?? ""),
            "dynamic" => entry.Dynamic ? RosBool.True : RosBool.False,
            "disabled" => entry.Disabled ? RosBool.True : RosBool.False,
            "creation-time" => new RosStr(entry.CreationTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ".id" => new RosId(entry.Id, menu),
            _ => null!,
        };
        return value is not null;
    }

    /// <summary>A single address is an ip/ip6, a prefix an ip-prefix/ip6-prefix, any other range its text.</summary>
    public static RosValue FromRange(IpRange range) =>
        range.IsHost ? new RosIp(range) : range.PrefixLength >= 0 ? new RosPrefix(range) : new RosStr(range.ToString());
}
