using System.Globalization;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The NFLOG prefix of a packet that a rule sends to the daemon: <c>sesame:KIND:v4|v6:INDEX</c>, where INDEX is the rule's
/// place in its family's filter list. <see cref="AddressList"/>: the kernel has already updated the set (the daemon only
/// reports it); <see cref="Layer7"/>: a candidate for a Layer7 regexp that the daemon matches and then applies.
/// </summary>
public static class NftLogPrefix
{
    public const string AddressList = "add";

    public const string Layer7 = "l7";

    private const string Start = "sesame:";

    public static string Format(string kind, IpFamily family, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Start}{kind}:{(family == IpFamily.V4 ? "v4" : "v6")}:{index}");

    /// <summary>Reads a prefix back; false for one Sesame did not write.</summary>
    public static bool TryParse(ReadOnlySpan<char> prefix, out bool isLayer7, out IpFamily family, out int index)
    {
        isLayer7 = false;
        family = IpFamily.V4;
        index = -1;
        if (!prefix.StartsWith(Start, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = prefix[Start.Length..];
        if (rest.StartsWith("add:", StringComparison.Ordinal))
        {
            rest = rest[4..];
        }
        else if (rest.StartsWith("l7:", StringComparison.Ordinal))
        {
            isLayer7 = true;
            rest = rest[3..];
        }
        else
        {
            return false;
        }

        if (rest.Length < 4 || rest[0] != 'v' || rest[2] != ':' || (rest[1] != '4' && rest[1] != '6'))
        {
            return false;
        }

        family = rest[1] == '4' ? IpFamily.V4 : IpFamily.V6;
        return int.TryParse(rest[3..], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
