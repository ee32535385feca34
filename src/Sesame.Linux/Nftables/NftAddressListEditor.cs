using System.Text.Json.Nodes;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// Changes address lists in the running table, as <c>/ip firewall address-list add|remove</c> would: the daemon's Layer7
/// decisions and <c>sesame lists</c>. Only host sets of <c>inet sesame</c> are written; a list's static prefixes and
/// ranges come from the configuration.
/// </summary>
public sealed class NftAddressListEditor(NftContext nft)
{
    /// <summary>
    /// Adds <paramref name="address"/> to <paramref name="list"/> with <paramref name="timeout"/> (null: no timeout), or
    /// refreshes it when it is there (ROUTEROS.md §3.4). A plain <c>add element</c> would leave an existing element's
    /// timeout as it was (PLATFORM-NOTES), so it is add, delete, add in one transaction.
    /// </summary>
    /// <exception cref="NftException">The table has no such list for the address's family.</exception>
    public void Add(string list, IpRange address, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(list);
        string set = HostSet(list, address);
        JsonNode element = timeout is { } t ? NftExpr.TimedElement(NftExpr.Address(address), NftExpr.Seconds(t)) : NftExpr.Address(address);
        nft.Apply(new NftRuleset(
        [
            Elements("add", set, element),
            Elements("delete", set, NftExpr.Address(address)),
            Elements("add", set, element),
        ]));
    }

    /// <summary>Removes <paramref name="address"/> from <paramref name="list"/>; false when it was not there.</summary>
    /// <remarks>
    /// Deletes and reads the kernel's answer, instead of listing the set first: listing a set a flood has filled takes
    /// tens of seconds (see <see cref="NftContext"/>).
    /// </remarks>
    /// <exception cref="NftException">The table has no such list for the address's family.</exception>
    public bool Remove(string list, IpRange address)
    {
        ArgumentNullException.ThrowIfNull(list);
        string set = HostSet(list, address);
        RequireList(list, address.Family);

        try
        {
            nft.Apply(new NftRuleset([Elements("delete", set, NftExpr.Address(address))]));
            return true;
        }
        catch (NftException e) when (e.Error == NftError.NotFound)
        {
            return false; // ENOENT: the set is there (checked above), the element is not
        }
    }

    /// <summary>
    /// Empties both families' host sets of <paramref name="list"/>; returns how many entries went, counted up to
    /// <see cref="FlushCountLimit"/> per set (<c>More</c>: there were more) — counting a set a flood has filled would cost
    /// more than emptying it.
    /// </summary>
    public (int Count, bool More) Flush(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var commands = new List<NftCommand>();
        int count = 0;
        bool more = false;
        using var elements = new Netlink.NftSetElements();
        foreach ((IpFamily family, string name) in nft.ListAddressListSets())
        {
            if (name == list)
            {
                string set = NftNames.HostSet(family, name);
                Netlink.NftElementDump dump = elements.Dump(NftNames.Table, set, FlushCountLimit);
                count += dump.Elements.Count;
                more |= dump.Truncated;
                commands.Add(NftCommand.Of("flush", "set", new JsonObject { ["name"] = set }));
            }
        }

        if (commands.Count > 0)
        {
            nft.Apply(new NftRuleset(commands));
        }

        return (count, more);
    }

    /// <summary>How many entries of a set <see cref="Flush"/> counts at most.</summary>
    public const int FlushCountLimit = 100_000;

    /// <summary>Whether the table has a set for <paramref name="list"/> in <paramref name="family"/>.</summary>
    public bool HasList(string list, IpFamily family) => nft.ListAddressListSets().Contains((family, list));

    /// <exception cref="NftException">The table has no set for <paramref name="list"/> in <paramref name="family"/>.</exception>
    public void RequireList(string list, IpFamily family)
    {
        if (!HasList(list, family))
        {
            throw new NftException($"table {NftNames.QualifiedTable} has no {(family == IpFamily.V4 ? "IPv4" : "IPv6")} address list '{list}' (only lists the configuration uses exist)");
        }
    }

    private static NftCommand Elements(string verb, string set, JsonNode element) => NftCommand.Elements(verb, set, [element]);

    private static string HostSet(string list, IpRange address)
    {
        if (!address.IsHost)
        {
            throw new ArgumentException($"{address} is not a single address; prefixes and ranges belong in the configuration", nameof(address));
        }

        return NftNames.HostSet(address.Family, list);
    }
}
