using System.Globalization;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>What a packet the ruleset sends to the daemon means (<see cref="NftLogPrefix"/>).</summary>
public enum NftLogKind
{
    /// <summary><c>add</c>: the kernel has just put the source into the rule's set; the daemon only reports it.</summary>
    AddressList,

    /// <summary><c>l7</c>: a candidate for a Layer7 regexp that the daemon matches and, on a match, applies.</summary>
    Layer7,

    /// <summary><c>full</c>: the rule matched but its address is not in the set afterwards — the set is full.</summary>
    SetFull,

    /// <summary><c>spa</c>: a packet to an SPA door's port, whole, for the door's verifier (<see cref="Model.FilterRule.SpaDoor"/>).</summary>
    Spa,
}

/// <summary>
/// The NFLOG prefix of a packet that a rule sends to the daemon: <c>sesame:KIND:v4|v6:INDEX</c>, where INDEX is the rule's
/// place in its family's filter list and KIND is <c>add</c>, <c>l7</c>, <c>full</c> or <c>spa</c> (<see cref="NftLogKind"/>).
/// </summary>
public static class NftLogPrefix
{
    private const string Start = "sesame:";

    public static string Format(NftLogKind kind, IpFamily family, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Start}{Word(kind)}:{(family == IpFamily.V4 ? "v4" : "v6")}:{index}");

    /// <summary>Reads a prefix back; false for one Sesame did not write.</summary>
    public static bool TryParse(ReadOnlySpan<char> prefix, out NftLogKind kind, out IpFamily family, out int index)
    {
        kind = NftLogKind.AddressList;
        family = IpFamily.V4;
        index = -1;
        if (!prefix.StartsWith(Start, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = prefix[Start.Length..];
        int colon = rest.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        switch (rest[..colon])
        {
            case "add":
                kind = NftLogKind.AddressList;
                break;
            case "l7":
                kind = NftLogKind.Layer7;
                break;
            case "full":
                kind = NftLogKind.SetFull;
                break;
            case "spa":
                kind = NftLogKind.Spa;
                break;
            default:
                return false;
        }

        rest = rest[(colon + 1)..];
        if (rest.Length < 4 || rest[0] != 'v' || rest[2] != ':' || (rest[1] != '4' && rest[1] != '6'))
        {
            return false;
        }

        family = rest[1] == '4' ? IpFamily.V4 : IpFamily.V6;
        return int.TryParse(rest[3..], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static string Word(NftLogKind kind) => kind switch
    {
        NftLogKind.AddressList => "add",
        NftLogKind.Layer7 => "l7",
        NftLogKind.SetFull => "full",
        NftLogKind.Spa => "spa",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
