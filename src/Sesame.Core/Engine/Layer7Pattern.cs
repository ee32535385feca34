using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Sesame.Engine.Layer7;
using Sesame.Text;

namespace Sesame.Engine;

/// <summary>
/// Compiles a RouterOS <c>layer7-protocol</c> regexp (POSIX ERE as l7-filter reads it, ROUTEROS.md §4.3) into a .NET
/// <see cref="Regex"/> that is matched against a connection's collected data.
/// </summary>
/// <remarks>
/// The pattern is bytes, as the data are (ROUTEROS.md §1.8): its UTF-8 (<see cref="RouterOsBytes"/>), so <c>é</c> typed in a
/// script and <c>\C3\A9</c> are the same two bytes and match the same payload; error offsets count bytes.
/// Translation: case-insensitive on ASCII letters (RouterOS: "Layer 7 matcher is case insensitive"; we fold the pattern
/// too, §10 item 7; a byte above 0x7F is no letter, as in the kernel's payload match);
/// <c>^</c> and <c>$</c> anchor at the start and the very end of the collected data (<c>$</c> does not match before a
/// trailing newline, so <c>^passphrase$</c> refuses <c>passphrase\n</c>); <c>.</c> matches any byte including newline;
/// <c>\xHH</c> is the byte HH (also inside brackets, as l7-filter expands it before compiling); other backslash-escaped
/// punctuation is literal; POSIX classes such as <c>[[:alpha:]]</c> are ASCII classes. Refused: <c>\</c> before a letter
/// or digit other than <c>\x</c> (engines disagree: literal in Spencer's library, a class in GNU's), repetition without an
/// operand or after another repetition, <c>(?</c>, unbalanced parentheses and brackets. Data bytes are matched as the
/// characters U+0000..U+00FF. The regex runs with <see cref="RegexOptions.NonBacktracking"/> (linear time in the data).
/// </remarks>
public static class Layer7Pattern
{
    private const RegexOptions Options =
        RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking;

    /// <summary>Translates and compiles <paramref name="posix"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryCompile(string posix, [NotNullWhen(true)] out Regex? regex, out string error)
    {
        ArgumentNullException.ThrowIfNull(posix);
        regex = null;
        if (!PosixRegexTranslator.TryTranslate(RouterOsBytes.ToByteChars(posix), out string? dotnet, out error))
        {
            return false;
        }

        try
        {
            regex = new Regex(dotnet, Options);
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"cannot compile the regular expression: {e.Message}";
            return false;
        }
        catch (NotSupportedException e)
        {
            error = $"cannot compile the regular expression: {e.Message}";
            return false;
        }
    }
}
