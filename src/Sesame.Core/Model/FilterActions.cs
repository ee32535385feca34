namespace Sesame.Model;

/// <summary>RouterOS spellings of <see cref="FilterAction"/> and which actions end a chain.</summary>
public static class FilterActions
{
    private static readonly (FilterAction Action, string Name)[] Names =
    [
        (FilterAction.Accept, "accept"),
        (FilterAction.Drop, "drop"),
        (FilterAction.Reject, "reject"),
        (FilterAction.Tarpit, "tarpit"),
        (FilterAction.AddSrcToAddressList, "add-src-to-address-list"),
        (FilterAction.AddDstToAddressList, "add-dst-to-address-list"),
        (FilterAction.Jump, "jump"),
        (FilterAction.Return, "return"),
        (FilterAction.Log, "log"),
        (FilterAction.Passthrough, "passthrough"),
        (FilterAction.FasttrackConnection, "fasttrack-connection"),
    ];

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    public static string ToRouterOs(this FilterAction action) => Names.First(n => n.Action == action).Name;

    public static bool TryParse(string name, out FilterAction action)
    {
        foreach ((FilterAction a, string n) in Names)
        {
            if (n == name)
            {
                action = a;
                return true;
            }
        }

        action = default;
        return false;
    }

    /// <summary>Accept, drop, reject and tarpit end the packet's walk through the filter.</summary>
    public static bool IsTerminal(this FilterAction action) =>
        action is FilterAction.Accept or FilterAction.Drop or FilterAction.Reject or FilterAction.Tarpit;

    public static bool AddsToAddressList(this FilterAction action) =>
        action is FilterAction.AddSrcToAddressList or FilterAction.AddDstToAddressList;
}
