namespace Sesame.Linux.Nftables;

/// <summary>Choices of the nftables back end that the rule model does not make.</summary>
public sealed record NftCompilerOptions
{
    public static NftCompilerOptions Default { get; } = new();

    /// <summary>
    /// The most elements an address list's host set holds. When a set is full, the kernel adds no new address (addresses
    /// already in it are still refreshed); under <c>serve</c> the daemon then empties a full knock-stage set (see
    /// <c>SesameDaemon</c>). The default, 1,048,576, takes about 82 MB of kernel memory when full (measured: 1 M IPv4
    /// elements with timeouts, slab growth); the kernel allocates per element, so an idle set costs nothing.
    /// </summary>
    public int AddressListSize { get; init; } = 1 << 20;

    /// <summary>How many source blocks a <c>connection-limit</c> rule tracks.</summary>
    public int ConnectionLimitSize { get; init; } = 65535;

    /// <summary>
    /// The NFLOG group the daemon listens on, or null for a ruleset that runs without it (<c>export --to nft</c>). With a
    /// group, every add-to-address-list rule also logs the packet to it (prefix <see cref="NftLogPrefix"/>), so the daemon
    /// can report each stage, grant and blacklisting; and a rule whose Layer7 regexp nftables cannot express sends its
    /// candidate packets there with their payload instead of never matching: the daemon decides and writes the set.
    /// </summary>
    public ushort? NflogGroup { get; init; }

    /// <summary>
    /// With <see cref="NflogGroup"/>: how many packets a second each add-to-address-list rule reports to the daemon at
    /// most (nft <c>limit</c>, burst the same). Knocks are rare, so the limit only bites under a flood; then the kernel
    /// still updates the set for every packet, only the log lines are sampled.
    /// </summary>
    public int ReportRate { get; init; } = 100;

    /// <summary>
    /// With <see cref="NflogGroup"/>: how many Layer7 candidates a second each daemon-decided rule sends at most. A flood
    /// beyond it loses candidates, as the daemon being down would; the daemon's CPU stays bounded.
    /// </summary>
    public int Layer7CandidateRate { get; init; } = 1000;

    /// <summary>How many bytes of a Layer7 candidate packet go to the daemon: RouterOS's 2 KB Layer7 window (ROUTEROS.md §4.2) plus headers.</summary>
    public int Layer7Snaplen { get; init; } = 2048 + 128;

    /// <summary>
    /// How many bytes of a packet to an SPA door go to the daemon: fwknopd's largest SPA packet (1500 bytes of UDP data,
    /// its MAX_SPA_PACKET_LEN) plus an IPv6 header with room for extension headers and the UDP header.
    /// </summary>
    public int SpaSnaplen { get; init; } = SpaMaxPayload + 128;

    /// <summary>
    /// With <see cref="NflogGroup"/>: how many packets a second one source (an IPv4 address, an IPv6 /64) may send to an SPA
    /// door before the kernel drops the rest; a flood from one source never costs the daemon more than this.
    /// </summary>
    public int SpaSourceRate { get; init; } = 10;

    /// <summary>The burst of <see cref="SpaSourceRate"/>: packets a quiet source may send at once.</summary>
    public int SpaSourceBurst { get; init; } = 20;

    /// <summary>
    /// How many sources the per-source limit of one SPA door remembers at most (a kernel set, per family). A source is
    /// forgotten <see cref="SpaSourceMemory"/> after its last packet. While the set is full, sources not in it share
    /// <see cref="SpaOverflowRate"/>. Measured: about 150 bytes of kernel memory per remembered source, so 40 MB when full;
    /// filling it takes more than 26,000 new (spoofed) sources a second.
    /// </summary>
    public int SpaSourceSetSize { get; init; } = 262144;

    /// <summary>How long the per-source limit remembers a quiet source: longer than a bucket takes to refill (burst / rate).</summary>
    public TimeSpan SpaSourceMemory { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Packets a second that sources the full per-source set cannot hold (a flood of spoofed sources) may send to an SPA
    /// door together; beyond it they are dropped in the kernel. In the kernel a spoofed source cannot be told from a new
    /// legitimate one, so every packet this limit drops may be a real client's: it is set by what the daemon can verify
    /// (junk at about 300,000 packets a second per core, measured with its NFLOG delivery), not lower. Measured with
    /// bench/netns/spa.sh: at 10,000 a flood of 130,000 spoofed packets a second cost 9 of 50 legitimate packets; at
    /// 200,000 none, the daemon at half a core.
    /// </summary>
    public int SpaOverflowRate { get; init; } = 200000;

    /// <summary>fwknopd's bounds on an SPA packet's UDP data (MIN_SPA_DATA_SIZE, MAX_SPA_PACKET_LEN): the kernel drops the rest.</summary>
    public const int SpaMinPayload = Sesame.Spa.SpaPacket.MinLength;

    /// <inheritdoc cref="SpaMinPayload"/>
    public const int SpaMaxPayload = Sesame.Spa.SpaPacket.MaxLength;
}
