using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Text;

namespace Sesame.Profiles;

public static partial class KnockdImporter
{
    /// <summary>
    /// A start command read exactly becomes the door's open ports; any other stays what it was under knockd, a command
    /// run through /bin/sh, as a hook, and the door opens nothing by itself — so the import never lets in more than
    /// knockd did.
    /// </summary>
    private static Door WithCommands(Door door, KnockdSection section, KnockdEntry? start, KnockdEntry? stop, TimeSpan? commandTime, DiagnosticBag bag)
    {
        if (start is null && stop is null)
        {
            bag.Warning(section.Location, ProfileCodes.KnockdNotCarried, $"[{section.Name}] runs no command; the door opens nothing");
            return door with { OpensNothing = true };
        }

        TimeSpan stopAfter = commandTime ?? DefaultCommandTime;
        string? reason = "";
        OpenRule? opens = start is null ? null : Read(start, section, bag, out reason);
        OpenRule? closes = stop is null ? null : Read(stop, section, bag, out _);
        if (opens is { Removes: false })
        {
            door = door with { Open = opens.Ports, Family = opens.Family };
            if (stop is null)
            {
                bag.Warning(start!.Location, ProfileCodes.KnockdNotCarried,
                    $"[{section.Name}] opens with no stop_command, so knockd leaves it open until something removes the rule; the door stays open for {RouterOsTime.Format(RouterOsTime.Max)}, the longest RouterOS list timeout");
                return door with { OpenFor = RouterOsTime.Max };
            }

            if (closes is not null && opens.IsUndoneBy(closes))
            {
                return door with { OpenFor = stopAfter };
            }

            bag.Warning(stop.Location, ProfileCodes.KnockdNotCarried,
                $"[{section.Name}] stop_command does not take back exactly what the start command let in; the door closes after cmd_timeout ({RouterOsTime.Format(stopAfter)}) and the stop command runs then as a hook, with /bin/sh as knockd did");
            return door with { OpenFor = stopAfter, Hooks = new DoorHooks(null, stop.Value, stopAfter) { Shell = true } };
        }

        if (start is not null && reason is not null)
        {
            bag.Warning(start.Location, ProfileCodes.KnockdNotCarried,
                $"[{section.Name}] {start.Key} is not read as open ports: {(opens is null ? reason : "it removes a rule (a door admits a source for open_for; 'sesame lists remove LIST ADDRESS' takes one off early)")}; it becomes a hook that 'serve' runs with /bin/sh as knockd did, and the door opens nothing by itself");
        }

        return door with
        {
            OpensNothing = true,
            Hooks = new DoorHooks(start?.Value, stop?.Value, stop is null ? null : stopAfter) { Shell = true },
        };
    }

    /// <summary>
    /// The rule a command adds or removes, or null with the reason; an unclosed quote is an error at the quote, as
    /// /bin/sh would refuse the command (the reason is then null: nothing more to say).
    /// </summary>
    private static OpenRule? Read(KnockdEntry entry, KnockdSection section, DiagnosticBag bag, out string? reason)
    {
        if (!CommandLineSplitter.TrySplit(entry.Value, out List<string> words, out string? shellUse, out string error, out int errorAt))
        {
            bag.Error(entry.At(errorAt), ProfileCodes.KnockdSyntax, $"[{section.Name}] {entry.Key}: {error}, so /bin/sh would refuse the command");
            reason = null;
            return null;
        }

        if (shellUse is not null)
        {
            reason = $"it uses the shell ({shellUse})";
            return null;
        }

        if (!entry.Value.Contains("%IP%", StringComparison.Ordinal))
        {
            reason = "it has no %IP%";
            return null;
        }

        bool read = OpenCommand.TryParse(words, out OpenRule? rule, out string why);
        reason = why;
        return read ? rule : null;
    }
}
