using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

/// <summary>How <c>sesame serve</c> runs.</summary>
public sealed record DaemonOptions
{
    /// <summary>The NFLOG group the ruleset logs to; any group no other program in the namespace uses.</summary>
    public ushort NflogGroup { get; init; } = 5741;

    /// <summary>
    /// How often an entry without timeout is looked up, to notice that it was removed by hand. Entries with a timeout are
    /// looked up when their time is up.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most entries each address list's set holds per family (<see cref="NftCompilerOptions.AddressListSize"/>).</summary>
    public int SetSize { get; init; } = NftCompilerOptions.Default.AddressListSize;

    /// <summary>How many packets a second each add-to-address-list rule reports at most (<see cref="NftCompilerOptions.ReportRate"/>).</summary>
    public int ReportRate { get; init; } = NftCompilerOptions.Default.ReportRate;

    /// <summary>Delete <c>table inet sesame</c> on a clean exit; by default it stays, and with it the granted addresses.</summary>
    public bool RemoveOnExit { get; init; }

    /// <summary>Commands to run when a source enters or leaves a list (a door profile's hooks).</summary>
    public IReadOnlyList<Hooks.ListHook> Hooks { get; init; } = [];

    /// <summary>The daemon's clock: hook stops, expiry lookups, repeat windows, the guard's record and schedule.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Runs the configuration's scripts (the RouterOS front end's runner; Linux does not reference it): with one, the
    /// daemon runs the <c>/system scheduler</c>s in real time on a thread of their own. Null: no scripts run.
    /// </summary>
    public Sesame.Scripting.IScriptRunner? Scripts { get; init; }

    /// <summary>
    /// The control socket's path (<see cref="Control.ControlProtocol.DefaultPath"/> under <c>sesame serve</c>), where
    /// <c>sesame run</c> asks the daemon to run a script; null: no control socket.
    /// </summary>
    public string? ControlPath { get; init; }

    /// <summary>
    /// Where the daemon keeps state that must outlive it: the SPA replay journal (<c>spa-replay</c>). Created (mode 0700)
    /// when the configuration has an SPA door and the directory is missing.
    /// </summary>
    public string StateDirectory { get; init; } = "/var/lib/sesame";

    /// <summary>The configuration file the daemon serves (absolute): what a reload (SIGHUP, <c>sesame reload</c>) reads again.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>
    /// Reads a configuration file into a <see cref="DaemonConfig"/> or its errors (the command line's loader: profiles,
    /// RouterOS scripts, hooks). Called off the daemon's thread; null: the daemon cannot reload.
    /// </summary>
    public Func<string, DaemonConfigLoad>? Loader { get; init; }

    /// <summary>The text of the configuration the daemon starts with, as it was parsed (<see cref="DaemonConfig.Text"/>).</summary>
    public string? ConfigText { get; init; }

    /// <summary>
    /// Set when the daemon starts on the copy an unconfirmed apply left (<see cref="ApplyJournal"/>): it says so in its
    /// log (<c>event=rollback via=restart</c>) and removes the record once the copy is served.
    /// </summary>
    public ApplyJournal.Pending? Unconfirmed { get; init; }

    /// <summary>
    /// <c>serve --confirm</c>: unless <c>sesame confirm</c> runs within this time, the daemon puts the table back as it was
    /// before its start and stops (<see cref="SesameDaemon.ServeRolledBackExitCode"/>). Null: the start is not on trial.
    /// </summary>
    public TimeSpan? ConfirmStartWithin { get; init; }

    /// <summary>How the lock-out check of a safe apply names a rule (the RouterOS exporter's line); null: chain, action, comment.</summary>
    public Func<Model.FilterRule, string>? RuleText { get; init; }

    /// <summary>
    /// Fleet mode (<c>serve --fleet</c>): the link to the fleet's database. The daemon starts it, publishes its changes to
    /// shared lists through it and applies the other nodes' changes it delivers; disposes it on exit. Null: a single host.
    /// </summary>
    public Sesame.Fleet.IFleetLink? Fleet { get; init; }

    /// <summary>Lists shared with the fleet besides the grant and blacklist lists (<c>--fleet-share</c>, a profile's <c>fleet: share:</c>).</summary>
    public IReadOnlyList<string> FleetShare { get; init; } = [];

    /// <summary>Grant or blacklist lists kept to this node (<c>--fleet-local</c>, a profile's <c>fleet: local:</c>).</summary>
    public IReadOnlyList<string> FleetLocal { get; init; } = [];

    /// <summary>How many bytes of a packet NFLOG copies at most: the larger of the compiler's Layer7 and SPA snaplens.</summary>
    internal int Layer7Snaplen() => Math.Max(NftCompilerOptions.Default.Layer7Snaplen, NftCompilerOptions.Default.SpaSnaplen);
}
