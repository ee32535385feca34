using System.Globalization;
using System.Text;
using Sesame.Diagnostics;

namespace Sesame.Tracing;

/// <summary>
/// Splits one trace line into fields: blanks separate, <c>#</c> outside quotes starts a comment, and a value may be
/// double-quoted with <c>\xNN</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\0</c>, <c>\"</c> and <c>\\</c> escapes.
/// </summary>
internal sealed class TraceLine
{
    private readonly List<TraceToken> _tokens = [];

    public TraceLine(string line, string file, int lineNumber, DiagnosticBag diagnostics)
    {
        IsValid = true;
        int i = 0;
        int end = line.Length;
        while (i < end)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            if (line[i] == '#')
            {
                end = i;
                break;
            }

            int start = i;
            var location = new SourceLocation(file, lineNumber, start + 1);
            int eq = -1;
            while (i < end && !char.IsWhiteSpace(line[i]) && line[i] != '"')
            {
                if (line[i] == '=' && eq < 0)
                {
                    eq = i;
                }

                i++;
            }

            if (eq < 0)
            {
                if (i < end && line[i] == '"')
                {
                    diagnostics.Error(new SourceLocation(file, lineNumber, i + 1), "SES0421", "a quoted value belongs after key=");
                    IsValid = false;
                    return;
                }

                _tokens.Add(new TraceToken(line[start..i], location));
                continue;
            }

            string key = line[start..eq];
            var valueLocation = new SourceLocation(file, lineNumber, eq + 2);
            byte[] bytes;
            if (i < end && line[i] == '"' && i == eq + 1)
            {
                if (!TryReadQuoted(line, ref i, out bytes, out string error, out int errorColumn))
                {
                    diagnostics.Error(new SourceLocation(file, lineNumber, errorColumn), "SES0422", error);
                    IsValid = false;
                    return;
                }
            }
            else if (i < end && line[i] == '"')
            {
                diagnostics.Error(new SourceLocation(file, lineNumber, i + 1), "SES0421", "a quote may only open a value, right after key=");
                IsValid = false;
                return;
            }
            else
            {
                bytes = Encoding.UTF8.GetBytes(line[(eq + 1)..i]);
            }

            if (key.Length == 0)
            {
                diagnostics.Error(location, "SES0423", "'=' without a key before it");
                IsValid = false;
                return;
            }

            _tokens.Add(new TraceToken(line[start..i], location)
            {
                Key = key,
                Value = Encoding.Latin1.GetString(bytes),
                PayloadBytes = bytes,
                ValueLocation = valueLocation,
            });
        }

        Text = line[..end].Trim();
    }

    public IReadOnlyList<TraceToken> Tokens => _tokens;

    public bool IsValid { get; }

    public string Text { get; } = "";

    public bool HasKey(string key) => _tokens.Any(t => t.Key == key);

    internal static bool TryReadQuoted(string line, ref int i, out byte[] bytes, out string error, out int errorColumn)
    {
        var buffer = new List<byte>();
        int open = i;
        i++; // opening quote
        Span<byte> utf8 = stackalloc byte[4];
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '"')
            {
                i++;
                bytes = [.. buffer];
                error = "";
                errorColumn = 0;
                return true;
            }

            if (c == '\\')
            {
                if (i + 1 >= line.Length)
                {
                    break;
                }

                char e = line[i + 1];
                switch (e)
                {
                    case 'x' when i + 3 < line.Length && byte.TryParse(line.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b):
                        buffer.Add(b);
                        i += 4;
                        continue;
                    case 'n': buffer.Add((byte)'\n'); break;
                    case 'r': buffer.Add((byte)'\r'); break;
                    case 't': buffer.Add((byte)'\t'); break;
                    case '0': buffer.Add(0); break;
                    case '"': buffer.Add((byte)'"'); break;
                    case '\\': buffer.Add((byte)'\\'); break;
                    default:
                        bytes = [];
                        error = $"unknown escape '\\{e}' in a quoted value; use \\xNN, \\n, \\r, \\t, \\0, \\\" or \\\\";
                        errorColumn = i + 1;
                        return false;
                }

                i += 2;
                continue;
            }

            int n = Encoding.UTF8.GetBytes([c], utf8);
            for (int k = 0; k < n; k++)
            {
                buffer.Add(utf8[k]);
            }

            i++;
        }

        bytes = [];
        error = "the quoted value is not closed";
        errorColumn = open + 1;
        return false;
    }
}
