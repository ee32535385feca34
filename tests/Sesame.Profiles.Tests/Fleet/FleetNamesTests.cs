using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Tests.Fleet;

public sealed class FleetNamesTests
{
    [Theory]
    [InlineData("web-1", true)]
    [InlineData("db_2.example.net", true)]
    [InlineData("A", true)]
    [InlineData("", false)]
    [InlineData("web 1", false)]
    [InlineData("web;1", false)]
    [InlineData("web\n1", false)]
    [InlineData("web\u001b[2J", false)]
    [InlineData("wéb", false)]
    [InlineData("web/1", false)]
    public void IsNodeName_Text_FollowsTheHostNameRule(string text, bool expected)
    {
        Assert.Equal(expected, FleetNames.IsNodeName(text));
    }

    [Fact]
    public void IsNodeName_Length_IsOneTo63()
    {
        Assert.True(FleetNames.IsNodeName(new string('a', 63)));
        Assert.False(FleetNames.IsNodeName(new string('a', 64)));
        Assert.False(FleetNames.IsNodeName(null));
    }

    [Theory]
    [InlineData("Host=db;Username=n;Password=x", true)]
    [InlineData("Host=db;password =x", true)]
    [InlineData("Host=db; Pwd=x", true)]
    [InlineData("PSW=x;Host=db", true)]
    [InlineData("host=db password=x", true)]
    [InlineData("postgres://n:x@db/sesame", true)]
    [InlineData("POSTGRESQL://n:x@db:5432/sesame", true)]
    [InlineData("postgresql://n@db/sesame?password=x", true)]
    [InlineData("postgresql://n@db/sesame?sslmode=require&Password=x", true)]
    [InlineData("postgresql://n:p/ss@db/sesame", true)]
    [InlineData("Host=db;Username=n;Database=sesame", false)]
    [InlineData("Host=/run/postgresql;Username=password_user", false)]
    [InlineData("Host=db;Passfile=/etc/sesame/pgpass", false)]
    [InlineData("postgres://n@db:5432/sesame?sslmode=verify-full", false)]
    [InlineData("postgresql:///sesame?host=/run/postgresql", false)]
    public void HasPassword_Text_FindsEveryWayToWriteOne(string text, bool expected)
    {
        Assert.Equal(expected, FleetNames.HasPassword(text));
    }

    [Fact]
    public void ListsOf_Config_HasEveryListARuleOrEntryNames()
    {
        var config = new FirewallConfig
        {
            Ipv4Filter =
            [
                new FilterRule { Chain = "input", Action = FilterAction.AddSrcToAddressList, AddressList = "stage1" },
                new FilterRule { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured") },
                new FilterRule { Chain = "input", Action = FilterAction.Drop, DstAddressList = Negatable<string>.Not("elsewhere") },
            ],
            Ipv6AddressList = [new AddressListEntry { List = "static6", Address = Sesame.Net.IpRange.TryParse("2001:db8::1", out Sesame.Net.IpRange? a) ? a : null }],
        };

        Assert.Equal(["elsewhere", "secured", "stage1", "static6"], FleetNames.ListsOf(config));
    }

    [Fact]
    public void Shown_LongName_IsCutAndEscaped()
    {
        string shown = FleetNames.Shown("\u001b" + new string('a', 1_000_000));

        Assert.StartsWith("\\x1B", shown, StringComparison.Ordinal);
        Assert.EndsWith("(1000001 characters)", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 100);
    }
}
