namespace Sesame.Spa;

/// <summary>Why an SPA packet was refused: the <c>reason=</c> of an <c>event=spa-reject</c> line.</summary>
public enum SpaRejectReason
{
    /// <summary>No key's HMAC matches (or the packet is not SPA at all: wrong length, not base64).</summary>
    Hmac,

    /// <summary>The HMAC matched but the data does not decrypt (bad padding, no salt header).</summary>
    Decrypt,

    /// <summary>Decrypted, but the fields are not fwknop's (count, base64, numbers, digest).</summary>
    Format,

    /// <summary>The timestamp is outside the door's window.</summary>
    Stale,

    /// <summary>The packet's digest was accepted before.</summary>
    Replay,

    /// <summary>A well-formed request the key may not make: a port not allowed, a command or NAT message, an address not allowed.</summary>
    Denied,
}
