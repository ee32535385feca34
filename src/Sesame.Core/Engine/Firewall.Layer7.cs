using System.Buffers;
using Sesame.Engine.Tracking;

namespace Sesame.Engine;

public sealed partial class Firewall
{
    /// <summary>The Layer7 data window (ROUTEROS.md §4.2, l7-filter's defaults): the first 10 packets or 2 KiB of a connection.</summary>
    internal const int Layer7MaxPackets = 10;

    internal const int Layer7MaxBytes = 2048;

    /// <summary>
    /// ROUTEROS.md §4.3. A connection already classified matches the protocol it was classified as and no other, also on
    /// packets without payload (l7-filter checks the classification first). While unclassified: past the window the
    /// connection becomes unknown and never matches; a packet without payload adds nothing and does not match; otherwise its
    /// payload (NULs stripped) is appended to the connection's buffer and the pattern is tried on the whole buffer.
    /// §10 item 7: when several Layer7 rules see the same packet, its payload is appended once; each rule tries its own
    /// pattern on the shared buffer and the first that matches classifies the connection.
    /// </summary>
    private bool MatchLayer7(int protocol, in Packet packet, int connection)
    {
        if (connection < 0)
        {
            return false; // untracked (invalid) packets have no connection to collect data in
        }

        ref Connection c = ref _connections[connection];
        if (c.Layer7Class != 0)
        {
            return c.Layer7Class == protocol + 1;
        }

        ReadOnlySpan<byte> payload = packet.Payload.Span;
        if (c.Layer7LastPacket != _packetSerial)
        {
            c.Layer7LastPacket = _packetSerial;
            if (c.Packets > Layer7MaxPackets || c.Layer7Length >= Layer7MaxBytes)
            {
                GiveUpLayer7(ref c);
                return false;
            }

            if (payload.IsEmpty)
            {
                return false;
            }

            char[] buffer = c.Layer7Buffer ??= ArrayPool<char>.Shared.Rent(Layer7MaxBytes);
            int length = c.Layer7Length;
            foreach (byte b in payload)
            {
                if (length == Layer7MaxBytes)
                {
                    break;
                }

                if (b != 0)
                {
                    buffer[length++] = (char)b;
                }
            }

            c.Layer7Length = length;
        }
        else if (payload.IsEmpty)
        {
            return false;
        }

        if (c.Layer7Length == 0 || !_layer7[protocol].IsMatch(c.Layer7Buffer.AsSpan(0, c.Layer7Length)))
        {
            return false;
        }

        c.Layer7Class = protocol + 1;
        ReleaseLayer7Buffer(ref c);
        return true;
    }

    private static void GiveUpLayer7(ref Connection c)
    {
        c.Layer7Class = -1;
        ReleaseLayer7Buffer(ref c);
    }

    private static void ReleaseLayer7Buffer(ref Connection c)
    {
        if (c.Layer7Buffer is not null)
        {
            ArrayPool<char>.Shared.Return(c.Layer7Buffer);
            c.Layer7Buffer = null;
            c.Layer7Length = 0;
        }
    }
}
