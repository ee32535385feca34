namespace Sesame.Model;

/// <summary>The RouterOS (and trace) names of TCP flags: <c>fin syn rst psh ack urg ece cwr</c>.</summary>
public static class TcpFlagNames
{
    public const string All = "fin, syn, rst, psh, ack, urg, ece, cwr";

    public static bool TryParse(string name, out TcpFlags flag)
    {
        flag = name switch
        {
            "fin" => TcpFlags.Fin,
            "syn" => TcpFlags.Syn,
            "rst" => TcpFlags.Rst,
            "psh" => TcpFlags.Psh,
            "ack" => TcpFlags.Ack,
            "urg" => TcpFlags.Urg,
            "ece" => TcpFlags.Ece,
            "cwr" => TcpFlags.Cwr,
            _ => TcpFlags.None,
        };
        return flag != TcpFlags.None;
    }
}
