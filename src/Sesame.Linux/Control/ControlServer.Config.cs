using System.Net.Sockets;

namespace Sesame.Linux.Control;

/// <summary>A configuration request (<c>reload</c>, <c>apply</c>, <c>confirm</c>): done by the daemon, then its lines and result sent back.</summary>
internal sealed partial class ControlServer
{
    private void ServeConfigChange(Socket client, ControlRequest request, PeerCredentials peer, CancellationToken cancellation)
    {
        ControlOutcome outcome = _handler.ChangeConfig(request, peer, cancellation);
        foreach (ControlNote note in outcome.Notes)
        {
            client.Send(ControlProtocol.NoteReply(note));
        }

        client.Send(ControlProtocol.OutcomeReply(outcome));
        client.Shutdown(SocketShutdown.Send);
    }
}
