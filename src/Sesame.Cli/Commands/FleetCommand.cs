using System.CommandLine;
using Sesame.Cli.Output;
using Sesame.Fleet;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame fleet init CONNSTRING [--password-file F] [--node-user NAME --node-password-file F]</c> creates or migrates
/// the fleet's schema and its node role; <c>sesame fleet status CONNSTRING [--password-file F] [--json]</c> shows the
/// nodes and the shared lists' sizes (docs/fleet.md). Exit 2 for a command line that cannot be used (a password in
/// CONNSTRING among them), 1 when the database refuses or cannot be reached, with one line and no stack trace.
/// </summary>
internal static class FleetCommand
{
    /// <summary>The longest PostgreSQL name (NAMEDATALEN - 1).</summary>
    private const int MaxUserName = 63;

    public static Command Create(CliContext context)
    {
        var command = new Command("fleet", "Set up and watch a fleet: nodes that share their grant and blacklist lists through PostgreSQL (docs/fleet.md).");
        command.Subcommands.Add(Init(context));
        command.Subcommands.Add(Status(context));
        return command;
    }

    private static Argument<string> ConnectionArgument() => new("CONNSTRING")
    {
        Description = "The database: an Npgsql connection string (Host=db;Username=postgres;Database=sesame) or a postgres:// URI, without a password.",
    };

    private static Option<string?> PasswordFileOption() => new("--password-file")
    {
        HelpName = "FILE",
        Description = "The file holding the password of CONNSTRING's user (its first line; mode 0600). Without it: PGPASSWORD or PGPASSFILE.",
    };

    private static Command Init(CliContext context)
    {
        Argument<string> connection = ConnectionArgument();
        Option<string?> passwordFile = PasswordFileOption();
        var nodeUser = new Option<string?>("--node-user")
        {
            HelpName = "NAME",
            Description = "Also create (or update) this login user for the nodes, in the role that can only call the fleet's functions. Needs --node-password-file.",
        };
        var nodePasswordFile = new Option<string?>("--node-password-file")
        {
            HelpName = "FILE",
            Description = "The file holding the node user's password (its first line; stored by the server as SCRAM).",
        };
        var command = new Command("init", "Create or migrate the fleet's schema (sesame_fleet) and the node role; run again after an upgrade. Needs a superuser or the database's owner.")
        {
            connection, passwordFile, nodeUser, nodePasswordFile,
        };
        command.SetAction(parse => RunInit(
            parse.GetValue(connection)!, parse.GetValue(passwordFile), parse.GetValue(nodeUser), parse.GetValue(nodePasswordFile), context));
        return command;
    }

    private static Command Status(CliContext context)
    {
        Argument<string> connection = ConnectionArgument();
        Option<string?> passwordFile = PasswordFileOption();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (docs/fleet.md)." };
        var command = new Command("status", "Show the fleet's nodes (last seen by the database's clock, connected or not, the last change applied) and its shared lists' sizes.")
        {
            connection, passwordFile, json,
        };
        command.SetAction(parse => RunStatus(parse.GetValue(connection)!, parse.GetValue(passwordFile), parse.GetValue(json), context));
        return command;
    }

    private static int RunInit(string text, string? passwordFile, string? nodeUser, string? nodePasswordFile, CliContext context)
    {
        if ((nodeUser is null) != (nodePasswordFile is null))
        {
            context.Error.WriteLine(nodeUser is null
                ? "sesame: --node-password-file needs --node-user NAME"
                : "sesame: --node-user needs --node-password-file FILE (a password is never given on the command line)");
            return ExitCodes.Usage;
        }

        if (nodeUser is not null && !IsUserName(nodeUser))
        {
            context.Error.WriteLine($"sesame: --node-user '{Profiles.FleetNames.Shown(nodeUser)}' is not a user name for the nodes: 1 to {MaxUserName} characters of a-z 0-9 _, starting with a letter or _");
            return ExitCodes.Usage;
        }

        if (!FleetArguments.TryCheckConnection(text, "CONNSTRING", "--password-file", context)
            || !FleetArguments.TryCheckPasswordFile(passwordFile, "--password-file", context))
        {
            return ExitCodes.Usage;
        }

        string? nodePassword = null;
        if (nodePasswordFile is not null && (nodePassword = FleetArguments.ReadPassword(nodePasswordFile, "--node-password-file", context)) is null)
        {
            return ExitCodes.Usage;
        }

        if (!FleetArguments.TryParse(text, passwordFile, null, context, out string connectionString))
        {
            return ExitCodes.Usage;
        }

        try
        {
            FleetAdmin.Init(connectionString, nodeUser, nodePassword, new TerminalWriter(context.Out));
            return ExitCodes.Ok;
        }
        catch (FleetException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.Failed;
        }
    }

    private static int RunStatus(string text, string? passwordFile, bool json, CliContext context)
    {
        if (!FleetArguments.TryCheckConnection(text, "CONNSTRING", "--password-file", context)
            || !FleetArguments.TryCheckPasswordFile(passwordFile, "--password-file", context)
            || !FleetArguments.TryParse(text, passwordFile, null, context, out string connectionString))
        {
            return ExitCodes.Usage;
        }

        FleetStatus status;
        try
        {
            status = FleetAdmin.ReadStatus(connectionString);
        }
        catch (FleetException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.Failed;
        }

        if (json)
        {
            FleetStatusWriter.WriteJson(status, context.Out);
        }
        else
        {
            FleetStatusWriter.WriteText(status, context.Out);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A role name that needs no quoting anywhere: lower-case letters, digits and '_', not starting with a digit.</summary>
    private static bool IsUserName(string name) =>
        name.Length is > 0 and <= MaxUserName
        && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
