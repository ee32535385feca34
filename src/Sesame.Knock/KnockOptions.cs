namespace Sesame.Knock;

/// <summary>The knock command line as typed, before validation.</summary>
/// <param name="DelayMs">Pause between knocks in milliseconds (knockd's <c>-d</c>).</param>
/// <param name="DefaultUdp">Knocks without a protocol are UDP (knockd's <c>-u</c>).</param>
/// <param name="Wait">The protected port to poll after knocking, <c>PORT[/tcp]</c>, or null.</param>
/// <param name="Then">The command to run after a successful knock, split into words without a shell, or null.</param>
public sealed record KnockOptions(
    string Host,
    IReadOnlyList<string> Knocks,
    int DelayMs = 0,
    bool DefaultUdp = false,
    bool Ipv4 = false,
    bool Ipv6 = false,
    string? Source = null,
    string? Interface = null,
    bool Raw = false,
    int ConnectTimeoutMs = 0,
    string? Wait = null,
    int WaitTimeoutMs = 10_000,
    string? Then = null,
    bool DryRun = false,
    bool Verbose = false);
