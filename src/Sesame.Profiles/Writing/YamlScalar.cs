using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sesame.Profiles;

/// <summary>
/// Scalars for <see cref="ProfileWriter"/>, quoted by YamlDotNet's emitter rather than by hand, so every character a
/// reader could take for syntax or a line break (<c>: # ' " {</c>, NUL, ESC, NEL, U+2028) comes out escaped.
/// </summary>
internal static class YamlScalar
{
    private static readonly EmitterSettings Settings = EmitterSettings.Default.WithBestWidth(int.MaxValue);

    /// <summary>A double-quoted scalar on one line.</summary>
    public static string Quoted(string value)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true));
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        string written = text.ToString().TrimEnd('\n');
        if (written.Length < 2 || written[0] != '"' || written[^1] != '"' || written.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"YAML emitter wrote a scalar on more than one line: {written}");
        }

        return written;
    }

    /// <summary>A name as written: plain when it is a word that starts with a letter (so never '-', a number or an indicator), quoted otherwise.</summary>
    public static string Name(string value) =>
        value.Length > 0 && (char.IsAsciiLetter(value[0]) || value[0] == '_') && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? value : Quoted(value);

    /// <summary>Comment text: anything a YAML reader takes as a line break or cannot read becomes '?'.</summary>
    public static string Comment(string line)
    {
        var sb = new StringBuilder(line.Length);
        foreach (char c in line)
        {
            sb.Append(char.IsControl(c) && c != '\t' || c is '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c) ? '?' : c);
        }

        return sb.ToString();
    }
}
