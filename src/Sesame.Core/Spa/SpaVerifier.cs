using Sesame.Model;
using Sesame.Net;

namespace Sesame.Spa;

/// <summary>
/// Decides one SPA door's packets, in this order: length and base64 sanity; the HMAC of each user stanza whose sources
/// hold the packet's source, in constant time, before any decryption; decrypt; parse; the timestamp within the door's
/// window; the digest not in the replay cache (recorded there on acceptance); the message type (access or
/// client-timeout access); the requested ports allowed for that key; the address to open (the source, or the payload's
/// when the door allows it). Never throws on packet content. Not thread-safe: one verifier per thread.
/// </summary>
public sealed class SpaVerifier
{
    public SpaVerifier(SpaDoor door, SpaReplayCache replay, TimeProvider time) => throw new NotImplementedException();

    public SpaDoor Door => throw new NotImplementedException();

    /// <summary>Verifies the UDP payload <paramref name="payload"/> that came from <paramref name="source"/>.</summary>
    public SpaVerdict Verify(IpFamily family, UInt128 source, ReadOnlySpan<byte> payload) => throw new NotImplementedException();
}
