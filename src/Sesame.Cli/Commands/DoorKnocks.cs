using System.Text;
using Sesame.Diagnostics;
using Sesame.Knock;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame knock --door NAME HOST</c>: the knocks of a door taken from a profile — <c>--config FILE</c>, or the
/// user's own <c>$XDG_CONFIG_HOME/sesame/doors.yaml</c> (<c>~/.config/sesame/doors.yaml</c>) — written as KNOCK
/// arguments (<c>PORT:PROTOCOL[:PASSPHRASE]</c>), so they go through the same checks as knocks typed by hand.
/// </summary>
internal static class DoorKnocks
{
    public static string DefaultConfigPath()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root = string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".config") : xdg;
        return Path.Combine(root, "sesame", "doors.yaml");
    }

    /// <summary>
    /// The profile <c>--door</c> reads (<paramref name="configPath"/>, else the default path), or null after a message: no
    /// profile, unreadable, or with errors (each written with its place). Shared by knock and SPA doors.
    /// </summary>
    public static ProfileResult? ReadProfile(string? configPath, CliContext context, out string path)
    {
        path = configPath ?? DefaultConfigPath();
        if (configPath is null && !File.Exists(path))
        {
            context.Error.WriteLine($"sesame knock: --door needs a profile: none at {path}; give one with --config FILE");
            return null;
        }

        if (!InputFile.TryReadAll(path, context, out string text))
        {
            return null;
        }

        ProfileResult result = ProfileReader.Read(text, path);
        if (result.HasErrors)
        {
            ConfigLoader.Report(result.Diagnostics.Where(d => d.IsError), context.Error);
            context.Error.WriteLine($"sesame knock: {path} has errors; nothing was sent");
            return null;
        }

        return result;
    }

    /// <summary>The door's knocks, or null after a message (exit status in <paramref name="exit"/>).</summary>
    public static string[]? Load(string door, string? configPath, CliContext context, out int exit)
    {
        exit = ExitCodes.Failed;
        if (ReadProfile(configPath, context, out string path) is not { } result)
        {
            return null;
        }

        Door? found = result.Profile.Doors.FirstOrDefault(d => d.Name == door);
        if (found is null)
        {
            string[] names = [.. result.Profile.Doors.Select(d => d.Name)];
            context.Error.WriteLine($"sesame knock: --door: no door '{door}' in {path}{Suggestion.DidYouMean(door, names)}; its doors: {string.Join(", ", names)}");
            exit = ExitCodes.Usage;
            return null;
        }

        return [.. found.Knocks.Select(Spell)];
    }

    private static string Spell(Profiles.KnockStep step)
    {
        string protocol = IpProtocols.ToName(step.Protocol);
        string port = step.Protocol is IpProtocols.Icmp or IpProtocols.IcmpV6 ? "0" : step.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return step.Passphrase is { } passphrase
            ? $"{port}:{(protocol == "icmpv6" ? "icmp" : protocol)}:{PayloadText.Escape(Encoding.UTF8.GetBytes(passphrase))}"
            : $"{port}:{(protocol == "icmpv6" ? "icmp" : protocol)}";
    }
}
