namespace Sesame.Engine.Tracking;

/// <summary>One tracked connection; lives in <see cref="ConnectionTable"/>'s slot array.</summary>
internal struct Connection
{
    /// <summary>The key in the direction of the connection's first packet.</summary>
    public ConnectionKey Key;

    public long ExpiresAt;

    /// <summary>Packets seen in both directions, including replies the reply model assumes; feeds the Layer7 window.</summary>
    public int Packets;

    public ConnectionPhase Phase;

    public bool InUse;

    /// <summary>A packet went the other way (or the reply model assumes one did): the connection is established.</summary>
    public bool SeenReply;

    public bool Fasttracked;

    /// <summary>Layer7 classification: 0 = still looking, -1 = unknown (window over), n > 0 = protocol n - 1 matched.</summary>
    public int Layer7Class;

    /// <summary>Collected payload (NULs stripped, one char per byte), rented while the connection is being classified.</summary>
    public char[]? Layer7Buffer;

    public int Layer7Length;

    /// <summary>Serial number of the last packet appended to the buffer, so several Layer7 rules append a packet once.</summary>
    public long Layer7LastPacket;
}
