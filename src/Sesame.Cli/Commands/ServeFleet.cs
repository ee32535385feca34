using System.CommandLine;
using Sesame.Profiles;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>serve --fleet CONNSTRING [--fleet-password-file F] [--fleet-node NAME] [--fleet-share LIST]... [--fleet-local
/// LIST]...</c> and a profile's <c>fleet:</c> section (docs/fleet.md). Checked in two steps, both before anything is
/// applied: the options alone (<see cref="TryRead"/>: a usage error, exit 2), then with the configuration read
/// (<see cref="TryPlan"/>: a list it does not have is a configuration error, exit 1). The link is built last
/// (<see cref="FleetPlan.Apply"/>), when nothing can refuse the start any more; a database that cannot be reached does
/// not stop <c>serve</c> (the link retries).
/// </summary>
internal sealed class ServeFleet
{
    public Option<string?> Connection { get; } = new("--fleet")
    {
        HelpName = "CONNSTRING",
        Description = "Join a fleet: share the grant and blacklist lists with every node through this PostgreSQL database (an Npgsql connection string or a postgres:// URI, without a password; docs/fleet.md).",
    };

    public Option<string?> PasswordFile { get; } = new("--fleet-password-file")
    {
        HelpName = "FILE",
        Description = "The file holding the database password (its first line; mode 0600). Without it: PGPASSWORD or PGPASSFILE.",
    };

    public Option<string?> Node { get; } = new("--fleet-node")
    {
        HelpName = "NAME",
        Description = $"This node's name in the fleet ({FleetNames.NodeRule}; default: the host name).",
    };

    public Option<string[]> Share { get; } = new("--fleet-share")
    {
        HelpName = "LIST",
        Description = "Also share this list (a knock stage, any list the configuration uses). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Local { get; } = new("--fleet-local")
    {
        HelpName = "LIST",
        Description = "Keep this grant or blacklist list to this node. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Connection, PasswordFile, Node, Share, Local];

    /// <summary>The options as given; a list option left out is null (the profile's list then holds), given is never empty.</summary>
    internal sealed record Request(string? Connection, string? PasswordFile, string? Node, IReadOnlyList<string>? Share, IReadOnlyList<string>? Local)
    {
        public bool Any => Connection is not null || PasswordFile is not null || Node is not null || Share is not null || Local is not null;

        /// <summary>The first fleet option given besides <c>--fleet</c>, for the message that it needs <c>--fleet</c>.</summary>
        public string? FirstDependent =>
            PasswordFile is not null ? "--fleet-password-file" : Node is not null ? "--fleet-node" : Share is not null ? "--fleet-share" : Local is not null ? "--fleet-local" : null;
    }

    /// <summary>Checks what the options say alone; false after a message (exit 2).</summary>
    public bool TryRead(ParseResult parse, CliContext context, out Request request)
    {
        Request given = new(
            parse.GetValue(Connection), parse.GetValue(PasswordFile), parse.GetValue(Node), Given(parse.GetValue(Share)), Given(parse.GetValue(Local)));
        request = given;
        if (request.Connection is { } text && !FleetArguments.TryCheckConnection(text, "--fleet", "--fleet-password-file", context))
        {
            return false;
        }

        if (request.Node is { } node && !FleetNames.IsNodeName(node))
        {
            context.Error.WriteLine($"sesame: --fleet-node '{FleetNames.Shown(node)}' is not a node name: {FleetNames.NodeRule}");
            return false;
        }

        foreach ((string option, IReadOnlyList<string>? names) in new[] { ("--fleet-share", request.Share), ("--fleet-local", request.Local) })
        {
            if (names?.FirstOrDefault(n => !FleetNames.IsListName(n)) is { } bad)
            {
                context.Error.WriteLine($"sesame: {option} '{FleetNames.Shown(bad)}' is not a list name (1 to {FleetNames.MaxListLength} characters, no control characters)");
                return false;
            }
        }

        if (given.Share?.FirstOrDefault(n => given.Local?.Contains(n, StringComparer.Ordinal) == true) is { } both)
        {
            context.Error.WriteLine($"sesame: list '{FleetNames.Shown(both)}' is given to both --fleet-share and --fleet-local; a list is shared or kept local, not both");
            return false;
        }

        return FleetArguments.TryCheckPasswordFile(request.PasswordFile, "--fleet-password-file", context);
    }

    /// <summary>
    /// The fleet the node joins, from the options over the profile's <c>fleet:</c> section, each value on its own; null
    /// (and <see cref="ExitCodes.Ok"/>) when the node joins none. Any other exit status: refused, with a message, before
    /// anything is applied.
    /// </summary>
    public static int TryPlan(Request request, ConfigLoader.Loaded loaded, string configPath, CliContext context, out FleetPlan? plan)
    {
        plan = null;
        FleetSection? section = loaded.Profile?.Fleet;
        string? connection = request.Connection ?? section?.Connection;
        if (connection is null)
        {
            if (request.FirstDependent is { } option)
            {
                context.Error.WriteLine($"sesame: {option} needs --fleet CONNSTRING (or a profile's fleet: connection:)");
                return ExitCodes.Usage;
            }

            if (section is not null)
            {
                context.Error.WriteLine(TerminalText.Escape($"sesame: {configPath}: the fleet: section names no connection: and --fleet is not given; this node joins no fleet"));
            }

            return ExitCodes.Ok;
        }

        string? node = request.Node ?? section?.Node;
        if (node is null)
        {
            node = Sesame.Linux.Daemon.FleetNodeName.Default();
            if (!FleetNames.IsNodeName(node))
            {
                context.Error.WriteLine($"sesame: the host name '{FleetNames.Shown(node)}' is not a node name ({FleetNames.NodeRule}); name this node with --fleet-node");
                return ExitCodes.Usage;
            }
        }

        IReadOnlyList<string> share = request.Share ?? [.. section?.Share.Select(l => l.Name) ?? []];
        IReadOnlyList<string> local = request.Local ?? [.. section?.Local.Select(l => l.Name) ?? []];
        if (!ListsAreTheConfigs(share, local, request, loaded, context))
        {
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return ExitCodes.InputError;
        }

        bool fromProfile = request.Connection is null;
        string? passwordFile = request.PasswordFile ?? section?.PasswordFile;
        // A password in the text is refused from a profile too (the reader refused it already): it is never the way in.
        if (!FleetArguments.TryParse(connection, passwordFile, fromProfile ? $"{configPath}: fleet.connection" : "--fleet", context, out string connectionString))
        {
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return fromProfile ? ExitCodes.InputError : ExitCodes.Usage;
        }

        plan = new FleetPlan(connectionString, node, share, local);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Every list named must be one the configuration uses, and none both shared and local: a typo would otherwise keep a
    /// list local that the admin meant to share (or share one meant to stay), silently.
    /// </summary>
    private static bool ListsAreTheConfigs(IReadOnlyList<string> share, IReadOnlyList<string> local, Request request, ConfigLoader.Loaded loaded, CliContext context)
    {
        IReadOnlySet<string> known = FleetNames.ListsOf(loaded.Config);
        foreach ((IReadOnlyList<string> names, string where) in new[]
        {
            (share, request.Share is null ? "fleet.share" : "--fleet-share"),
            (local, request.Local is null ? "fleet.local" : "--fleet-local"),
        })
        {
            if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
            {
                context.Error.WriteLine(
                    $"sesame: {where}: the configuration has no address list '{FleetNames.Shown(unknown)}'{TerminalText.Escape(Sesame.Diagnostics.Suggestion.DidYouMean(unknown, known))}; {FleetNames.Known(known)}");
                return false;
            }
        }

        if (share.FirstOrDefault(n => local.Contains(n, StringComparer.Ordinal)) is { } both)
        {
            context.Error.WriteLine($"sesame: list '{FleetNames.Shown(both)}' is both shared and kept local (the options and the profile's fleet: section disagree)");
            return false;
        }

        return true;
    }

    private static string[]? Given(string[]? names) => names is { Length: > 0 } ? [.. names.Distinct(StringComparer.Ordinal)] : null;
}
