using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Tests.Nftables;

/// <summary><c>nft -j list table inet sesame</c> as nftables 1.0.6 writes it (PLATFORM-NOTES), read into list entries.</summary>
public class NftJsonReaderTests
{
    private static string Listing(string set, string elements) => $$$"""
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
         {"table": {"family": "inet", "name": "sesame", "handle": 1}},
         {"set": {"family": "inet", "name": "{{{set}}}", "table": "sesame", "type": "ipv4_addr", "handle": 2, "flags": ["timeout", "dynamic"],
           "elem": {{{elements}}}}}]}
        """;

    [Fact]
    public void ReadAddressLists_ElementWithComment_KeepsTheComment()
    {
        string set = NftNames.HostSet(IpFamily.V4, "secured");
        string json = Listing(set, """
            ["192.0.2.9",
             {"elem": {"val": "203.0.113.7", "timeout": 1800, "expires": 1795, "comment": "granted-by-script"}},
             {"elem": {"val": "198.51.100.9", "timeout": 30, "expires": 12}},
             {"elem": {"val": "192.0.2.77", "comment": "\"quoted\"; {x}\n"}}]
            """);

        List<NftAddressListElement> elements = NftJsonReader.ReadAddressLists(json);

        Assert.Equal(
            [(null, null), ("granted-by-script", (TimeSpan?)TimeSpan.FromSeconds(1795)), (null, TimeSpan.FromSeconds(12)), ("\"quoted\"; {x}\n", null)],
            elements.Select(e => (e.Comment, e.Expires)));
        Assert.All(elements, e => Assert.Equal("secured", e.List));
    }
}
