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
}
