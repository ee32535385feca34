using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.RouterOS;

namespace Sesame.Cli;

/// <summary>Reads a configuration file (a RouterOS script or a door profile) into the rule model, with every diagnostic.</summary>
internal static class ConfigLoader
{
    /// <param name="Profile">The door profile when the file is one: its doors' hooks are not part of the rule model.</param>
    public sealed record Loaded(FirewallConfig Config, IReadOnlyList<Diagnostic> Diagnostics, DoorProfile? Profile = null)
    {
        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }

    /// <summary>Returns null after writing a message when the file cannot be read.</summary>
    public static Loaded? Load(string path, bool strict, CliContext context)
    {
        if (!InputFile.TryReadAll(path, context, out string text))
        {
            return null;
        }

        return Parse(path, text, strict);
    }

    /// <summary>A configuration's text, read already, into the rule model (a profile or a RouterOS script, as <see cref="Load"/>).</summary>
    public static Loaded Parse(string path, string text, bool strict)
    {
        if (IsProfile(path, text))
        {
            ProfileResult profile = ProfileReader.Read(text, path);
            return new Loaded(profile.Config, profile.Diagnostics, profile.Profile);
        }

        ScriptResult result = RouterOsScript.Parse(text, path, new ScriptOptions { Strict = strict });
        return new Loaded(result.Config, result.Diagnostics);
    }

    /// <summary>A door profile by its extension (<c>.yaml</c>, <c>.yml</c>) or, for other names and standard input, by its first key.</summary>
    public static bool IsProfile(string path, string text)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".yaml" or ".yml" || (extension != ".rsc" && ProfileReader.LooksLikeProfile(text));
    }

    /// <summary>
    /// Loads a config for a command that needs a usable one: warnings go to standard error, and on errors (or an
    /// unreadable file) it says that nothing was <paramref name="done"/> and returns null.
    /// </summary>
    /// <param name="mirrorIpv6">Apply the IPv4 filter to IPv6 as well (<c>--ipv6=mirror</c>, <see cref="Ipv6Mirror"/>).</param>
    /// <param name="forKernel">
    /// The config goes to nftables (<c>serve</c>, <c>export --to nft</c>): what the kernel cannot hold (SES0520–SES0531)
    /// is an error here too, checked on the config as it will be applied (mirrored or not), so that nothing is refused
    /// or cut half-way in a transaction.
    /// </param>
    public static FirewallConfig? LoadUsable(string path, bool strict, CliContext context, string done, bool mirrorIpv6 = false, bool forKernel = false) =>
        LoadUsableWithProfile(path, strict, context, done, mirrorIpv6, forKernel)?.Config;

    /// <summary>As <see cref="LoadUsable"/>, keeping the door profile (hooks) when the file is one.</summary>
    public static Loaded? LoadUsableWithProfile(string path, bool strict, CliContext context, string done, bool mirrorIpv6 = false, bool forKernel = false)
    {
        Loaded? loaded = Load(path, strict, context);
        if (loaded is null)
        {
            return null;
        }

        Report(loaded.Diagnostics, context.Error);
        if (loaded.HasErrors)
        {
            context.Error.WriteLine($"sesame: {path} has errors; nothing was {done}");
            return null;
        }

        if (mirrorIpv6)
        {
            Loaded mirrored = Mirror(loaded, context);
            Report(mirrored.Diagnostics.Skip(loaded.Diagnostics.Count), context.Error);
            if (mirrored.HasErrors)
            {
                context.Error.WriteLine($"sesame: --ipv6=mirror cannot mirror {path}; nothing was {done}");
                return null;
            }

            loaded = mirrored;
        }

        if (forKernel && ConfigChecker.CheckKernelLimits(loaded.Config) is { Count: > 0 } limits)
        {
            Report(limits, context.Error);
            if (limits.Any(d => d.IsError))
            {
                context.Error.WriteLine($"sesame: {path} holds what the kernel cannot; nothing was {done}");
                return null;
            }
        }

        return loaded;
    }

    /// <summary>
    /// <c>--ipv6=mirror</c>: the config with its IPv4 filter applied to IPv6 too, the mirror's diagnostics appended. A door
    /// profile already compiles to both families, so it is returned as it is, with a note on standard error.
    /// </summary>
    public static Loaded Mirror(Loaded loaded, CliContext context)
    {
        if (loaded.Profile is not null)
        {
            context.Error.WriteLine("sesame: a door profile already guards IPv6 (its doors compile to both families); --ipv6=mirror changes nothing");
            return loaded;
        }

        Ipv6MirrorResult result = Ipv6Mirror.Apply(loaded.Config);
        return loaded with { Config = result.Config, Diagnostics = [.. loaded.Diagnostics, .. result.Diagnostics] };
    }

    /// <summary>Writes the diagnostics in file order.</summary>
    public static void Report(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        var bag = new DiagnosticBag();
        bag.AddRange(diagnostics);
        foreach (Diagnostic d in bag.Sorted())
        {
            writer.WriteLine(d.ToString());
        }
    }
}
