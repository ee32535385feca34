using Sesame.Linux.Daemon;

namespace Sesame.Tests.Daemon;

public sealed class ListRolesTests
{
    [Theory]
    [InlineData("888", "Stage")]
    [InlineData("555", "Stage")]
    [InlineData("secured", "Grant")]
    [InlineData("blacklist", "Blacklist")]
    [InlineData("unknown", "Stage")]
    public void Of_SeedWithBlacklistEnabled_NamesEachListsRole(string list, string expected)
    {
        string script = SeedFixtures.Read("000-manual-old-en.rsc").Replace(" disabled=yes", "", StringComparison.Ordinal);

        var roles = new ListRoles(Configs.Parse(script));

        Assert.Equal(expected, roles.Of(list).ToString());
    }

    [Fact]
    public void Of_DropRuleDisabled_ListIsNoBlacklist()
    {
        var roles = new ListRoles(Configs.Seed("000-manual-old-en.rsc"));

        Assert.Equal(EventKind.Stage, roles.Of("blacklist"));
    }
}
