using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>
/// Splits a knockd.conf into sections of <c>key = value</c> entries; <c>#</c> starts a comment line. The input is
/// bounded (size, line length, sections) and a line with a control character is refused, each with its line, so
/// nothing hostile reaches the profile or a shell.
/// </summary>
internal static class KnockdFile
{
    public const int MaxLength = 1 << 20;
    public const int MaxLineLength = 4096;
    public const int MaxSections = 256;
    public const int MaxNameLength = 64;

    public static List<KnockdSection> Read(string text, string fileName, DiagnosticBag bag)
    {
        var sections = new List<KnockdSection>();
        string? name = null;
        SourceLocation at = SourceLocation.None;
        var entries = new List<KnockdEntry>();
        // Past the limit only the line that crosses it matters, so a huge input is not split whole.
        string[] lines = (text.Length > MaxLength + 1 ? text[..(MaxLength + 2)] : text).Split('\n');
        int offset = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            var lineStart = new SourceLocation(fileName, i + 1, 1);
            offset += lines[i].Length + 1;
            string tooLong = $"the line is {raw.Length} characters long; lines longer than {MaxLineLength} are refused";
            if (offset > MaxLength + 1)
            {
                bag.Error(lineStart, ProfileCodes.KnockdSyntax,
                    raw.Length > MaxLineLength ? tooLong : $"the file is longer than {MaxLength} characters; a knockd.conf is a few kilobytes, so the rest is not read");
                break;
            }

            if (raw.Length > MaxLineLength)
            {
                bag.Error(lineStart, ProfileCodes.KnockdSyntax, tooLong);
                continue;
            }

            int bad = FirstControl(raw);
            if (bad >= 0)
            {
                bag.Error(new SourceLocation(fileName, i + 1, bad + 1), ProfileCodes.KnockdSyntax,
                    $"the line holds the control character U+{(int)raw[bad]:X4}; knockd.conf lines are text, so the line is refused");
                continue;
            }

            string line = raw.Trim();
            int column = raw.Length - raw.TrimStart().Length + 1;
            var location = new SourceLocation(fileName, i + 1, column);
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                if (name is not null)
                {
                    sections.Add(new KnockdSection(name, at, entries));
                }

                (name, at, entries) = (line[1..^1].Trim(), location, []);
                if (sections.Count >= MaxSections)
                {
                    bag.Error(location, ProfileCodes.KnockdSyntax, $"more than {MaxSections} sections; the rest is not read");
                    return sections;
                }

                if (name.Length > MaxNameLength)
                {
                    bag.Error(location, ProfileCodes.KnockdBadValue, $"the section name is {name.Length} characters long; door names (which name address lists) are at most {MaxNameLength}");
                }

                continue;
            }

            if (name is null)
            {
                bag.Error(location, ProfileCodes.KnockdSyntax, $"'{line}' comes before any [section]");
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string key = (equals < 0 ? line : line[..equals]).Trim().ToLowerInvariant();
            string rest = equals < 0 ? "" : line[(equals + 1)..];
            string value = rest.Trim();
            int valueColumn = column + (equals < 0 ? line.Length : equals + 1 + rest.Length - rest.TrimStart().Length);
            entries.Add(new KnockdEntry(key, value, line, location) { ValueColumn = valueColumn });
        }

        if (name is not null)
        {
            sections.Add(new KnockdSection(name, at, entries));
        }

        return sections;
    }

    /// <summary>The first C0/C1 control character but tab, or a Unicode line or paragraph separator (YAML line breaks too).</summary>
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
