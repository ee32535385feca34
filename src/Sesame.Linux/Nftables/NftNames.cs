using System.Globalization;
using System.Text;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The names of the objects in Sesame's table. RouterOS names (lists, chains) may hold any character, nftables
/// identifiers may not, so a name is escaped: ASCII letters, digits, <c>_</c> and <c>-</c> stay, every other UTF-8 byte
/// becomes <c>.HH</c>. The escape is reversible, so sets read back from the kernel give their list names again, and a
/// prefix per kind (<c>v4_</c>, <c>v4net_</c>, <c>if_</c>, …) keeps the kinds apart whatever the names are.
/// </summary>
public static class NftNames
{
    /// <summary>The table Sesame owns; nothing else is ever touched.</summary>
    public const string Table = "sesame";

    /// <summary>The family and table as nft commands spell them.</summary>
    public const string QualifiedTable = "inet sesame";

    /// <summary>The set of host entries of an address list: dynamic (kernel-updated) and static hosts.</summary>
    public static string HostSet(IpFamily family, string list) => FamilyPrefix(family) + "_" + Escape(list);

    /// <summary>The interval set of an address list's static prefixes and ranges (only when it has some).</summary>
    public static string NetSet(IpFamily family, string list) => FamilyPrefix(family) + "net_" + Escape(list);

    public static string InterfaceSet(string list) => "if_" + Escape(list);

    public static string Chain(IpFamily family, string chain) => FamilyPrefix(family) + "_" + Escape(chain);

    /// <summary>The named counter of the rule at <paramref name="index"/> in the family's filter list (its print number).</summary>
    public static string Counter(IpFamily family, int index) =>
        FamilyPrefix(family) + "_rule_" + index.ToString(CultureInfo.InvariantCulture);

    public static string ConnectionLimitSet(IpFamily family, int index) =>
        "cl_" + FamilyPrefix(family) + "_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The per-source rate set of the SPA rule at <paramref name="index"/> (see <see cref="NftCompilerOptions.SpaSourceRate"/>).</summary>
    public static string SpaRateSet(IpFamily family, int index) =>
        "spa_" + FamilyPrefix(family) + "_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a host or net set name back: its family and the address list's name.</summary>
    public static bool TryParseAddressListSet(string setName, out IpFamily family, out string list, out bool isNetSet)
    {
        ArgumentNullException.ThrowIfNull(setName);
        family = default;
        list = "";
        isNetSet = false;
        string rest;
        if (setName.StartsWith("v4_", StringComparison.Ordinal) || setName.StartsWith("v6_", StringComparison.Ordinal))
        {
            rest = setName[3..];
        }
        else if (setName.StartsWith("v4net_", StringComparison.Ordinal) || setName.StartsWith("v6net_", StringComparison.Ordinal))
        {
            rest = setName[6..];
            isNetSet = true;
        }
        else
        {
            return false;
        }

        family = setName[1] == '4' ? IpFamily.V4 : IpFamily.V6;
        return TryUnescape(rest, out list);
    }

    /// <summary>Reads a counter name back: the family and rule index.</summary>
    public static bool TryParseCounter(string name, out IpFamily family, out int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        family = name.StartsWith("v6", StringComparison.Ordinal) ? IpFamily.V6 : IpFamily.V4;
        index = -1;
        return (name.StartsWith("v4_rule_", StringComparison.Ordinal) || name.StartsWith("v6_rule_", StringComparison.Ordinal))
            && int.TryParse(name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    internal static string Escape(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('.').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    internal static bool TryUnescape(string escaped, out string name)
    {
        name = "";
        var bytes = new List<byte>(escaped.Length);
        for (int i = 0; i < escaped.Length; i++)
        {
            char c = escaped[i];
            if (c != '.')
            {
                bytes.Add((byte)c);
                continue;
            }

            if (i + 2 >= escaped.Length
                || !byte.TryParse(escaped.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
            {
                return false;
            }

            bytes.Add(b);
            i += 2;
        }

        name = Encoding.UTF8.GetString([.. bytes]);
        return true;
    }

    private static string FamilyPrefix(IpFamily family) => family == IpFamily.V4 ? "v4" : "v6";
}
