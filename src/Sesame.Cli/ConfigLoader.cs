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
    public static FirewallConfig? LoadUsable(string path, bool strict, CliContext context, string done, bool forKernel = false) =>
        LoadUsableWithProfile(path, strict, context, done, forKernel)?.Config;

    /// <summary>As <see cref="LoadUsable"/>, keeping the door profile (hooks) when the file is one.</summary>
    /// <param name="forKernel">
    /// The config goes to nftables (<c>serve</c>, <c>export --to nft</c>): what the kernel cannot hold (SES0520–SES0531)
    /// is an error here too, so that nothing is refused or cut half-way in a transaction.
    /// </param>
    public static Loaded? LoadUsableWithProfile(string path, bool strict, CliContext context, string done, bool forKernel = false)
    {
        Loaded? loaded = Load(path, strict, context);
        if (loaded is null)
        {
            return null;
        }

        if (forKernel)
        {
            loaded = loaded with { Diagnostics = [.. loaded.Diagnostics, .. ConfigChecker.CheckKernelLimits(loaded.Config)] };
        }

        Report(loaded.Diagnostics, context.Error);
        if (loaded.HasErrors)
        {
            context.Error.WriteLine($"sesame: {path} has errors; nothing was {done}");
            return null;
        }

        return loaded;
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
