using Sesame.Model;

namespace Sesame.Spa;

/// <summary>
/// The decrypted fields of one SPA packet (fwknop 2.6's colon-separated encoded data), or the fields a client is about to
/// send. <see cref="AccessAddress"/> is the text before the first comma of the access request (<c>0.0.0.0</c> for the
/// client's <c>-s</c>); <see cref="Ports"/> the <c>proto/port</c> list after it.
/// </summary>
public sealed record SpaMessage
{
    /// <summary>fwknop's 16 random decimal digits that make each packet unique.</summary>
    public required string RandomValue { get; init; }

    public required string User { get; init; }

    /// <summary>Seconds since the Unix epoch, as the client's clock read it.</summary>
    public required long Timestamp { get; init; }

    /// <summary>The client's protocol version string (fwknop 2.6 sends <c>3.0.0</c>).</summary>
    public required string Version { get; init; }

    public required SpaMessageType Type { get; init; }

    public required string AccessAddress { get; init; }

    public EquatableArray<SpaPort> Ports { get; init; } = EquatableArray<SpaPort>.Empty;

    /// <summary>The NAT access field of a NAT message (refused by Sesame), kept as sent.</summary>
    public string? NatAccess { get; init; }

    /// <summary>The access time the client asks for, in seconds (client-timeout messages), or null.</summary>
    public int? ClientTimeout { get; init; }

    /// <summary>
    /// The digest field at the end of the encoded data (fwknop's SHA-256 of the fields before it, base64 without '='),
    /// decoded; the replay cache's key. Empty on a message not yet encoded.
    /// </summary>
    public EquatableArray<byte> Digest { get; init; } = EquatableArray<byte>.Empty;
}
