using System.Text;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.RouterOS.Export;

/// <summary>RouterOS spellings of the typed matcher values (ROUTEROS.md §1.9, §7).</summary>
internal static class RouterOsValues
{
    private static readonly (ConnectionStates State, string Name)[] StateNames =
    [
        (ConnectionStates.Established, "established"),
        (ConnectionStates.Related, "related"),
        (ConnectionStates.New, "new"),
        (ConnectionStates.Invalid, "invalid"),
        (ConnectionStates.Untracked, "untracked"),
    ];

    private static readonly (AddressTypes Type, string Name)[] AddressTypeNames =
    [
        (AddressTypes.Unicast, "unicast"),
        (AddressTypes.Local, "local"),
        (AddressTypes.Broadcast, "broadcast"),
        (AddressTypes.Multicast, "multicast"),
    ];

    /// <summary><c>21,22,10000-60000</c>.</summary>
    public static string Ports(EquatableArray<PortRange> ports) => string.Join(',', ports);

    public static string States(ConnectionStates states)
    {
        var parts = new List<string>();
        foreach ((ConnectionStates state, string name) in StateNames)
        {
            if ((states & state) != 0)
            {
                parts.Add(name);
            }
        }

        return string.Join(',', parts);
    }

    public static string AddressTypeList(AddressTypes types)
    {
        var parts = new List<string>();
        foreach ((AddressTypes type, string name) in AddressTypeNames)
        {
            if ((types & type) != 0)
            {
                parts.Add(name);
            }
        }

        return string.Join(',', parts);
    }

    /// <summary><c>syn,!ack</c>: flags in header bit order, each cleared flag with its own <c>!</c> (§7.1).</summary>
    public static string Flags(TcpFlagsMatch match)
    {
        var sb = new StringBuilder();
        foreach ((TcpFlags flag, string name) in TcpFlagNames.Pairs)
        {
            bool set = (match.Set & flag) != 0;
            bool clear = (match.Clear & flag) != 0;
            if (!set && !clear)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(clear && !set ? "!" : "").Append(name);
        }

        return sb.ToString();
    }
}
