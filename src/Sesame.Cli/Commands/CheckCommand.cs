using System.CommandLine;
using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.RouterOS;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame check CONFIG [--ssh-session [TEXT]]</c>: every diagnostic; exit 0 when the config is usable (warnings
/// allowed), 1 when it has errors. With <c>--ssh-session</c>, also whether the config would cut that SSH session or
/// lock its source out (<see cref="LockoutCheck"/>).
/// </summary>
internal static class CheckCommand
{
    /// <summary>What OpenSSH's sshd sets in a session: <c>client-ip client-port server-ip server-port</c>.</summary>
    private const string SshConnectionVariable = "SSH_CONNECTION";

    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        Option<bool> strict = CommonOptions.Strict();
        Option<string> ipv6 = CommonOptions.Ipv6();
        var sshSession = new Option<string?>("--ssh-session")
        {
            Description = "Also check that the config would not cut this SSH session or lock its source out: 'client-ip client-port server-ip server-port' as in $SSH_CONNECTION, which is used when TEXT is left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var sshInterface = new Option<string?>("--ssh-interface")
        {
            Description = "With --ssh-session: the interface the session arrives on (default: every interface the config names, and one it does not).",
        };
        var command = new Command("check", "Parse and validate a configuration; print every diagnostic with file:line:column.") { config, strict, ipv6, sshSession, sshInterface };
        command.SetAction(parse =>
        {
            SshSession? session = null;
            if (parse.GetResult(sshSession) is not null)
            {
                session = ReadSession(parse.GetValue(sshSession), context);
                if (session is null)
                {
                    return ExitCodes.Usage;
                }
            }
            else if (parse.GetResult(sshInterface) is not null)
            {
                context.Error.WriteLine("sesame: --ssh-interface needs --ssh-session");
                return ExitCodes.Usage;
            }

            return Run(parse.GetValue(config)!, parse.GetValue(strict), parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror, session, parse.GetValue(sshInterface), context);
        });
        return command;
    }

    /// <summary>The session from TEXT, or from $SSH_CONNECTION when TEXT is left out; null after a usage message.</summary>
    private static SshSession? ReadSession(string? text, CliContext context)
    {
        string where = "--ssh-session";
        if (text is null)
        {
            text = Environment.GetEnvironmentVariable(SshConnectionVariable);
            where = $"${SshConnectionVariable}";
            if (string.IsNullOrEmpty(text))
            {
                context.Error.WriteLine($"sesame: --ssh-session without TEXT reads ${SshConnectionVariable}, which is not set (not an SSH session?); give the session as 'client-ip client-port server-ip server-port'");
                return null;
            }
        }

        if (!SshSession.TryParse(text, out SshSession session))
        {
            string shown = text.Length > 100 ? $"{text[..100]}… ({text.Length} characters)" : text;
            context.Error.WriteLine(TerminalText.Escape($"sesame: {where} '{shown}' is not an SSH session: expected 'client-ip client-port server-ip server-port' (ports 1-65535)"));
            return null;
        }

        return session;
    }

    private static int Run(string configPath, bool strict, bool mirrorIpv6, SshSession? session, string? sshInterface, CliContext context)
    {
        ConfigLoader.Loaded? loaded = ConfigLoader.Load(configPath, strict, context);
        if (loaded is null)
        {
            return ExitCodes.InputError;
        }

        if (mirrorIpv6 && !loaded.HasErrors)
        {
            loaded = ConfigLoader.Mirror(loaded, context);
        }

        var all = new DiagnosticBag();
        all.AddRange(loaded.Diagnostics);
        if (!loaded.HasErrors)
        {
            // Lists a script fills (the seed's grant script fills 'secured') are filled for the rules' check too.
            all.AddRange(ConfigChecker.Check(loaded.Config, RouterOsScripts.FilledLists(loaded.Config)));
            all.AddRange(RouterOsScripts.Lint(loaded.Config));
            if (session is { } s)
            {
                // Offline: no running door is known, so the source is in the config's static entries only.
                all.AddRange(LockoutCheck.Check(loaded.Config, s, new LockoutContext(null, [], sshInterface), RouterOsExporter.ExportRule));
            }
        }

        ConfigLoader.Report(all.Items, context.Out);
        int errors = all.Items.Count(d => d.IsError);
        int warnings = all.Items.Count - errors;
        context.Out.WriteLine($"{configPath}: {Plural(errors, "error")}, {Plural(warnings, "warning")}{(errors == 0 ? " — usable" : " — not usable")}");
        return errors == 0 ? ExitCodes.Ok : ExitCodes.InputError;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
