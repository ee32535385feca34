using System.CommandLine;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame lists add|remove|flush LIST [ADDRESS] [--timeout T]</c>: the seeds' "add your IP to secured when locked out"
/// and "clean the knock lists" scripts, on the running <c>table inet sesame</c>. Only lists the configuration uses exist
/// in the kernel; another name is refused. Exit 1 when the table, the list or the entry is not there.
/// </summary>
internal static class ListsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("lists", "Change the live address lists of table inet sesame.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(Flush(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        Argument<string> list = ListArgument();
        Argument<string> address = AddressArgument();
        var timeout = new Option<string?>("--timeout")
        {
            Description = "A RouterOS time (30s, 1d, 00:30:00) after which the entry goes; without it the entry stays until removed.",
        };
        var command = new Command("add", "Add an address to a list, or refresh its timeout when it is there.") { list, address, timeout };
        command.SetAction(parse => RunAdd(parse.GetValue(list)!, parse.GetValue(address)!, parse.GetValue(timeout), context));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        Argument<string> list = ListArgument();
        Argument<string> address = AddressArgument();
        var command = new Command("remove", "Remove an address from a list.") { list, address };
        command.SetAction(parse => WithList(context, (editor, output) =>
        {
            if (!TryAddress(parse.GetValue(address)!, context, out IpRange a))
            {
                return ExitCodes.InputError;
            }

            if (!editor.Remove(parse.GetValue(list)!, a))
            {
                context.Error.WriteLine($"sesame: {a} is not in list {parse.GetValue(list)}");
                return ExitCodes.InputError;
            }

            output.WriteLine($"removed {a} from {parse.GetValue(list)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Flush(CliContext context)
    {
        Argument<string> list = ListArgument();
        var command = new Command("flush", "Remove every address of a list (its static prefixes and ranges come from the configuration and stay).") { list };
        command.SetAction(parse => WithList(context, (editor, output) =>
        {
            string name = parse.GetValue(list)!;
            if (!editor.HasList(name, IpFamily.V4) && !editor.HasList(name, IpFamily.V6))
            {
                context.Error.WriteLine($"sesame: table inet sesame has no address list '{name}'");
                return ExitCodes.InputError;
            }

            (int count, bool more) = editor.Flush(name);
            output.WriteLine($"flushed {name}: {(more ? "more than " : "")}{count} entries removed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int RunAdd(string list, string addressText, string? timeoutText, CliContext context)
    {
        TimeSpan? timeout = null;
        if (timeoutText is not null)
        {
            if (!RouterOsTime.TryParse(timeoutText, out TimeSpan t, out string error) || t <= TimeSpan.Zero)
            {
                context.Error.WriteLine($"sesame: --timeout {timeoutText}: {(t <= TimeSpan.Zero && error.Length == 0 ? "must be longer than 0s" : error)}");
                return ExitCodes.Usage;
            }

            timeout = t;
        }

        if (!TryAddress(addressText, context, out IpRange address))
        {
            return ExitCodes.Usage;
        }

        return WithList(context, (editor, output) =>
        {
            editor.RequireList(list, address.Family); // WithList reports it: exit 1
            editor.Add(list, address, timeout);
            output.WriteLine($"added {address} to {list}{(timeout is { } t ? " for " + RouterOsTime.Format(t) : "")}");
            return ExitCodes.Ok;
        });
    }

    private static int WithList(CliContext context, Func<NftAddressListEditor, TextWriter, int> action)
    {
        if (!LiveTable.TryOpen(context, out NftContext? nft))
        {
            return ExitCodes.InputError;
        }

        using (nft)
        {
            try
            {
                return action(new NftAddressListEditor(nft), context.Out);
            }
            catch (NftException e)
            {
                context.Error.WriteLine($"sesame: {e.Message}");
                return ExitCodes.InputError;
            }
        }
    }

    private static bool TryAddress(string text, CliContext context, out IpRange address)
    {
        address = default;
        if (!IpRange.TryParse(text, out IpRange? parsed, out string error) || !parsed.Value.IsHost)
        {
            context.Error.WriteLine($"sesame: {text}: {(parsed is { IsHost: false } ? "give one address; prefixes and ranges belong in the configuration" : error)}");
            return false;
        }

        address = parsed.Value;
        return true;
    }

    private static Argument<string> ListArgument() => new("LIST") { Description = "The address list, e.g. secured." };

    private static Argument<string> AddressArgument() => new("ADDRESS") { Description = "One IPv4 or IPv6 address." };
}
