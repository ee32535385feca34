using System.Net;
using System.Net.Sockets;
using Sesame.Text;

namespace Sesame.Cli.Metrics;

/// <summary><c>serve --metrics</c>: binds the endpoint before anything is applied, with a message an admin can act on.</summary>
internal static class ServeMetrics
{
    /// <summary>True with the bound endpoint (null when metrics are off); false (reported) when the address cannot be bound.</summary>
    public static bool TryBind(IPEndPoint? endPoint, CliContext context, out MetricsEndpoint? endpoint)
    {
        endpoint = null;
        if (endPoint is null)
        {
            return true;
        }

        try
        {
            endpoint = MetricsEndpoint.Bind(endPoint);
            return true;
        }
        catch (SocketException e)
        {
            string why = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "the port is in use",
                SocketError.AddressNotAvailable => "the address is not one of this host's (in this network namespace)",
                SocketError.AccessDenied => "permission denied",
                _ => e.Message,
            };
            context.Error.WriteLine(TerminalText.Escape($"sesame: --metrics {Format(endPoint)}: cannot listen: {why}"));
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return false;
        }
    }

    private static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : endPoint.ToString();
}
