namespace Sesame.RouterOS.Scripting.Values;

/// <summary>
/// Bounds on what one value may hold, so that a runaway script (a loop that doubles a string, a loop that appends to an
/// array) ends with an error instead of taking the daemon's memory. RouterOS has limits of its own, undocumented; these
/// are ours and generous for any port-knocking script.
/// </summary>
public static class RosLimits
{
    /// <summary>The longest string, in bytes (16 MiB).</summary>
    public const int MaxStringBytes = 16 * 1024 * 1024;

    /// <summary>The most elements an array holds.</summary>
    public const int MaxArrayLength = 1_000_000;

    /// <summary>
    /// How deep arrays nest (<c>{1;{2;{3}}}</c> is 3). Copying, printing and comparing walk arrays recursively; without
    /// a bound, a loop doing <c>:set a {$a}</c> (or an array put inside itself) would end the daemon with a stack
    /// overflow, which no handler can catch. Port-knocking scripts nest two deep.
    /// </summary>
    public const int MaxArrayDepth = 100;

    /// <summary>
    /// Returns <paramref name="text"/>, or throws <see cref="RosScriptException"/> when it is longer than
    /// <see cref="MaxStringBytes"/>: for the interpreter, where it builds a string itself (interpolation, a long literal).
    /// </summary>
    public static string CheckString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RosText.Checked(text);
    }
}
