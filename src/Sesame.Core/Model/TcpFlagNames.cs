namespace Sesame.Model;

/// <summary>The RouterOS (and trace) names of TCP flags, in header bit order: <c>fin syn rst psh ack urg ece cwr</c>.</summary>
public static class TcpFlagNames
{
    public const string All = "fin, syn, rst, psh, ack, urg, ece, cwr";

    public static IReadOnlyList<(TcpFlags Flag, string Name)> Pairs { get; } =
    [
        (TcpFlags.Fin, "fin"),
        (TcpFlags.Syn, "syn"),
        (TcpFlags.Rst, "rst"),
        (TcpFlags.Psh, "psh"),
        (TcpFlags.Ack, "ack"),
        (TcpFlags.Urg, "urg"),
        (TcpFlags.Ece, "ece"),
        (TcpFlags.Cwr, "cwr"),
    ];

    public static bool TryParse(string name, out TcpFlags flag)
    {
        foreach ((TcpFlags f, string n) in Pairs)
        {
            if (n == name)
            {
                flag = f;
                return true;
            }
        }

        flag = TcpFlags.None;
        return false;
    }

    /// <summary>
    /// Flags written one per item, each optionally negated on its own (<c>syn</c>, <c>!ack</c>: ROUTEROS.md §7.1);
    /// <paramref name="badItem"/> names the first item that is not a flag.
    /// </summary>
    public static bool TryParseMatch(IEnumerable<string> items, out TcpFlagsMatch match, out string badItem)
    {
        TcpFlags set = TcpFlags.None;
        TcpFlags clear = TcpFlags.None;
        foreach (string item in items)
        {
            bool negated = item.StartsWith('!');
            if (!TryParse(negated ? item[1..] : item, out TcpFlags flag))
            {
                match = default;
                badItem = item;
                return false;
            }

            if (negated)
            {
                clear |= flag;
            }
            else
            {
                set |= flag;
            }
        }

        match = new TcpFlagsMatch(set, clear);
        badItem = "";
        return true;
    }
}
