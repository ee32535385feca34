using System.Collections.Immutable;
using Sesame.Knock;
using Sesame.Knock.Spa;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame knock HOST --spa</c>: one fwknop-compatible SPA packet. The keys (and defaults for the port and the
/// access) come from exactly one place — <c>--keys FILE</c>, <c>--door NAME</c> (a profile's SPA door), or an
/// fwknoprc stanza (<c>-n NAME</c>, <c>--rc FILE</c>) — and the command line overrides what they say, as fwknop's does.
/// Exit 0 when the packet was sent (and a <c>--wait</c> port opened), 1 for an unusable file or a send failure, 2 for a
/// bad argument, 3 when the <c>--wait</c> port stayed closed.
/// </summary>
internal static class SpaKnocks
{
    /// <summary>Where the keys come from, as typed.</summary>
    public sealed record KeySource(string? KeysFile, string? Door, string? Config, string? RcFile, string? RcStanza);

    public static async Task<int> RunAsync(SpaKnockOptions options, KeySource source, CliContext context, CancellationToken cancellationToken)
    {
        int given = (source.KeysFile is null ? 0 : 1) + (source.Door is null ? 0 : 1) + (source.RcFile is null && source.RcStanza is null ? 0 : 1);
        if (given > 1)
        {
            context.Error.WriteLine("sesame knock: --keys, --door and -n/--rc each give the keys; use one of them");
            return ExitCodes.Usage;
        }

        if (source.Config is not null && source.Door is null)
        {
            context.Error.WriteLine("sesame knock: --config goes with --door");
            return ExitCodes.Usage;
        }

        SpaClientSettings lower;
        if (source.Door is { } door)
        {
            if (FromDoor(door, source.Config, options.User, context, out int exit) is not { } fromDoor)
            {
                return exit;
            }

            lower = fromDoor;
        }
        else
        {
            try
            {
                lower = source switch
                {
                    { KeysFile: { } file } => new SpaClientSettings { Keys = SpaKeyFile.Read(file), KeysOrigin = file },
                    { RcFile: not null } or { RcStanza: not null } => FwknopRc.Read(source.RcFile ?? FwknopRc.DefaultPath()).Settings(source.RcStanza),
                    _ => SpaClientSettings.None,
                };
            }
            catch (SpaKeyFileException ex)
            {
                context.Error.WriteLine($"sesame knock: {ex.Message}");
                return ExitCodes.InputError;
            }
            catch (FwknopRcException ex)
            {
                foreach (string line in ex.Message.Split('\n'))
                {
                    context.Error.WriteLine($"sesame knock: {line}");
                }

                context.Error.WriteLine("sesame knock: nothing was sent");
                return ExitCodes.InputError;
            }
        }

        SpaKnockPlan? plan = SpaKnockPlan.Validate(options, lower, out List<string> errors);
        if (plan is null)
        {
            foreach (string error in errors)
            {
                context.Error.WriteLine($"sesame knock: {error}");
            }

            return ExitCodes.Usage;
        }

        if (KnockCommand.ResolveTarget(plan.Host, plan.Family, plan.TryCheckTarget, context, out int resolveExit) is not { } target)
        {
            return resolveExit;
        }

        var client = new SpaKnockClient(plan, TimeProvider.System);
        try
        {
            SpaMessage message = client.NewMessage(target);
            string packet = client.Encode(message);
            if (options.DryRun)
            {
                // Never the packet itself: it is valid, unused, and would open the door to whoever reads it for the
                // server's whole window. -B writes it to a private file for who needs it.
                context.Out.WriteLine(client.Describe(target, message));
                context.Out.WriteLine($"packet {packet.Length} bytes (not sent, not shown)");
                return SavePacket(plan, packet, context) ? ExitCodes.Ok : ExitCodes.Failed;
            }

            if (!SavePacket(plan, packet, context))
            {
                return ExitCodes.Failed;
            }

            client.Send(target, packet);
            if (options.Verbose)
            {
                context.Out.WriteLine($"sent {client.Describe(target, message)}, {packet.Length} bytes");
            }
        }
        catch (KnockException ex)
        {
            context.Error.WriteLine($"sesame knock: SPA packet to {target}: {ex.Message}");
            return ExitCodes.Failed;
        }

        return await KnockCommand.WaitThenAsync(target, plan.WaitPort, plan.WaitTimeout, plan.Then, plan.Settings, options.Verbose, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The door's port, keys and ports, or null after a message (exit status in <paramref name="exit"/>).</summary>
    private static SpaClientSettings? FromDoor(string name, string? configPath, string? user, CliContext context, out int exit)
    {
        exit = ExitCodes.Failed;
        if (DoorKnocks.ReadProfile(configPath, context, out string path) is not { } result)
        {
            return null;
        }

        SpaDoor? door = result.Config.SpaDoors.FirstOrDefault(d => d.Name == name);
        if (door is null)
        {
            string[] names = [.. result.Config.SpaDoors.Select(d => d.Name)];
            context.Error.WriteLine(names.Length == 0
                ? $"sesame knock: --door: {path} has no SPA door ('{name}' {(result.Profile.Doors.Any(d => d.Name == name) ? "is a knock door: knock it without --spa" : "is not there")})"
                : $"sesame knock: --door: no SPA door '{name}' in {path}{Sesame.Diagnostics.Suggestion.DidYouMean(name, names)}; its SPA doors: {string.Join(", ", names)}");
            exit = ExitCodes.Usage;
            return null;
        }

        SpaUser? chosen = user is null
            ? (door.Users.Count == 1 ? door.Users[0] : null)
            : door.Users.FirstOrDefault(u => u.Name == user);
        if (chosen is null)
        {
            string names = string.Join(", ", door.Users.Select(u => u.Name));
            context.Error.WriteLine(user is null
                ? $"sesame knock: door '{name}' has {door.Users.Count} users ({names}); pick one with -U NAME"
                : $"sesame knock: door '{name}' has no user '{user}'; its users: {names}");
            exit = ExitCodes.Usage;
            return null;
        }

        ImmutableArray<SpaPort> ports = chosen.Ports.Count > 0 ? [.. chosen.Ports] : [.. door.PortLists.Select(p => p.Port)];
        return new SpaClientSettings
        {
            Port = door.Port,
            Access = ports.IsEmpty ? null : ports,
            User = SpaUserName.IsValid(chosen.Name, out _) ? chosen.Name : null,
            Keys = chosen.Keys,
            KeysOrigin = $"door {name} user {chosen.Name}",
        };
    }

    private static bool SavePacket(SpaKnockPlan plan, string packet, CliContext context)
    {
        if (plan.SavePacket is not { } path)
        {
            return true;
        }

        try
        {
            PrivateFile.Write(path, packet + "\n", overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"sesame knock: -B {path}: {ex.Message}");
            return false;
        }
    }
}
