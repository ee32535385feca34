using System.CommandLine;

namespace Sesame.Cli.Commands;

/// <summary>Arguments and options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string> Config() => new("CONFIG")
    {
        Description = "The configuration: a RouterOS script (.rsc) or a door profile (.yaml).",
    };

    public static Option<bool> Strict() => new("--strict")
    {
        Description = "Refuse the variants RouterOS itself would refuse (a space before '=', a bare '$' in a string, …) instead of warning.",
    };

    public const string Ipv6AsConfigured = "as-configured";
    public const string Ipv6Mirror = "mirror";

    /// <summary>
    /// <c>--ipv6=as-configured|mirror</c>. A bad value is a usage error that names the option (exit 2), not the parser's
    /// generic "argument not recognized".
    /// </summary>
    public static Option<string> Ipv6()
    {
        var option = new Option<string>("--ipv6")
        {
            Description = "'as-configured' (default): IPv6 gets the config's /ipv6 firewall filter, as RouterOS does (empty: everything accepted, and check says which ports that leaves open). 'mirror': apply the IPv4 filter to IPv6 as well (refused when the config has IPv6 rules of its own).",
            DefaultValueFactory = _ => Ipv6AsConfigured,
        };
        option.CompletionSources.Add(Ipv6AsConfigured, Ipv6Mirror);
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is not (Ipv6AsConfigured or Ipv6Mirror))
            {
                result.AddError($"--ipv6 must be '{Ipv6AsConfigured}' or '{Ipv6Mirror}', not '{value}'");
            }
        });
        return option;
    }
}
