using System.CommandLine;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame completion bash</c> (hidden): prints a bash completion script made from this program's own command tree, so
/// the completion installed by the Debian package (deploy/build-deb.sh saves this output) never lags behind the commands.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { Description = "The shell to write a completion script for: 'bash'." };
        shell.AcceptOnlyFromAmong("bash");
        var command = new Command("completion", "Print a shell completion script (bash) for sesame.") { shell };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            context.Out.Write(BashCompletion.Write(parse.RootCommandResult.Command));
            return ExitCodes.Ok;
        });
        return command;
    }
}
