using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>
/// Reads the lines of fwknopd's access.conf and fwknopd.conf as fwknopd does (server/access.c, config_init.c): a line
/// whose first character is <c>#</c> or <c>;</c> is a comment; otherwise the first word is the variable (a trailing
/// <c>:</c> dropped, case kept: fwknopd compares with <c>strcmp</c>) and the value runs after the blanks up to a
/// <c>;</c> or the line's end, trailing blanks removed. A variable with no value is an error, as in fwknopd. Bounded
/// (size, line length, lines), and a control character is refused at its place, so nothing hostile reaches the profile.
/// </summary>
internal static class FwknopFile
{
    public const int MaxLength = 1 << 20;

    /// <summary>fwknopd's MAX_LINE_LEN: it reads lines in buffers of 1024 bytes.</summary>
    public const int MaxLineLength = 1024;

    public const int MaxEntries = 4096;

    public static List<FwknopEntry> Read(string text, string fileName, DiagnosticBag bag)
    {
        var entries = new List<FwknopEntry>();
        if (text.Length > MaxLength)
        {
            bag.Error(new SourceLocation(fileName, 1, 1), ProfileCodes.FwknopSyntax, $"the file is {text.Length} characters long; an fwknop config is a few kilobytes, and files over {MaxLength} are refused");
            return entries;
        }

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            var lineStart = new SourceLocation(fileName, i + 1, 1);
            if (raw.Length > MaxLineLength)
            {
                bag.Error(lineStart, ProfileCodes.FwknopSyntax, $"the line is {raw.Length} characters long; fwknopd reads at most {MaxLineLength}, so the line is refused");
                continue;
            }

            if (raw.Length == 0 || raw[0] is '#' or ';')
            {
                continue;
            }

            int bad = FirstControl(raw);
            if (bad >= 0)
            {
                bag.Error(lineStart with { Column = bad + 1 }, ProfileCodes.FwknopSyntax,
                    $"the line holds the control character U+{(int)raw[bad]:X4}; fwknop config lines are text, so the line is refused");
                continue;
            }

            int start = raw.Length - raw.TrimStart().Length;
            if (start == raw.Length || raw[start] == '#')
            {
                continue;
            }

            int end = start;
            while (end < raw.Length && !char.IsWhiteSpace(raw[end]))
            {
                end++;
            }

            string key = raw[start..end];
            int colon = key.LastIndexOf(':');
            key = colon >= 0 ? key[..colon] : key;
            int valueStart = end;
            while (valueStart < raw.Length && char.IsWhiteSpace(raw[valueStart]))
            {
                valueStart++;
            }

            int semicolon = raw.IndexOf(';', valueStart);
            string value = (semicolon < 0 ? raw[valueStart..] : raw[valueStart..semicolon]).TrimEnd();
            var location = new SourceLocation(fileName, i + 1, start + 1);
            if (key.Length == 0 || value.Length == 0)
            {
                bag.Error(location, ProfileCodes.FwknopSyntax, $"'{raw.Trim()}' is not 'VARIABLE value' (fwknopd refuses such a line too)");
                continue;
            }

            if (entries.Count == MaxEntries)
            {
                bag.Error(location, ProfileCodes.FwknopSyntax, $"more than {MaxEntries} lines with settings; the rest is not read");
                break;
            }

            entries.Add(new FwknopEntry(key, value, location, new SourceLocation(fileName, i + 1, valueStart + 1)));
        }

        return entries;
    }

    /// <summary>The first C0/C1 control character but tab, or a Unicode line or paragraph separator.</summary>
    private static int FirstControl(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if ((char.IsControl(line[i]) && line[i] != '\t') || line[i] is '\u2028' or '\u2029')
            {
                return i;
            }
        }

        return -1;
    }
}
