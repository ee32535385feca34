using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>One knock sequence and what it opens.</summary>
public sealed record Door(string Name)
{
    public EquatableArray<KnockStep> Knocks { get; init; } = EquatableArray<KnockStep>.Empty;

    /// <summary>How long a source may take from one knock to the next (the step lists' timeout).</summary>
    public TimeSpan StepTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ports the door opens; empty opens all input from the knocked source, as the seeds do.</summary>
    public EquatableArray<OpenPort> Open { get; init; } = EquatableArray<OpenPort>.Empty;

    /// <summary>The door admits the source to nothing by itself (knockd's closing doors): only its hooks act.</summary>
    public bool OpensNothing { get; init; }

    /// <summary>
    /// A limit on the whole sequence, from the first knock to the last (knockd's <c>seq_timeout</c>); null: each
    /// step only has <see cref="StepTime"/>.
    /// </summary>
    public TimeSpan? SequenceTime { get; init; }

    /// <summary>How long a knocked source stays admitted.</summary>
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A knock on a port of the sequence out of turn spoils the source's progress for <see cref="StepTime"/>.</summary>
    public bool ResetOnWrongKnock { get; init; }

    /// <summary>The family whose knocks open the door; the other family's input stays shut.</summary>
    public DoorFamily Family { get; init; } = DoorFamily.Both;

    /// <summary>Restricts the door to one of the outside interfaces.</summary>
    public string? Interface { get; init; }

    /// <summary>The address list of admitted sources; defaults to <c>NAME-secured</c>.</summary>
    public string? List { get; init; }

    /// <summary>TCP flags a TCP knock must carry (knockd's <c>tcpflags</c>), or null for any segment.</summary>
    public TcpFlagsMatch? TcpFlags { get; init; }

    /// <summary>Commands run when the door opens and closes; kept for <c>serve</c>, not part of the rule model.</summary>
    public DoorHooks? Hooks { get; init; }

    /// <summary>
    /// Makes the door an SPA door: no knocks, one SPA packet to a UDP port that <c>sesame serve</c> verifies; its
    /// <see cref="Open"/> ports are then explicit and each has its own address list (<see cref="SpaList"/>).
    /// </summary>
    public DoorSpa? Spa { get; init; }

    /// <summary>Where the door is written; its rules carry it, so lints point at the door.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public string GrantedList => List ?? $"{Name}-secured";

    public string StepList(int index) => Knocks[index].List ?? $"{Name}-knock{index + 1}";

    /// <summary>The address list that opens one port of an SPA door: <c>NAME-spa-tcp22</c>.</summary>
    public string SpaList(OpenPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return $"{Name}-spa-{IpProtocols.ToName(port.Protocol)}{port.Port}";
    }
}
