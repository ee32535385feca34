namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>The bounds of one run: a runaway script is stopped with an error and never hangs the simulator or the daemon.</summary>
internal static class ScriptLimits
{
    /// <summary>
    /// Statements (and loop rounds) per run. The seed's grant script over 10,000 entries takes ~60,000; a bare
    /// <c>:while (true) do={}</c> reaches the bound in a fraction of a second.
    /// </summary>
    public const long MaxStatements = 2_000_000;

    /// <summary>Nested code blocks, function calls and <c>/system script run</c>s (a script that runs itself stops here).</summary>
    public const int MaxDepth = 64;

    /// <summary>All <c>:delay</c>s of a run together: a script that waits longer is not a port-knocking script.</summary>
    public static readonly TimeSpan MaxTotalDelay = TimeSpan.FromHours(1);

    /// <summary>How often (in statements) the cancellation token is looked at.</summary>
    public const int CancellationCheckInterval = 1024;
}
