using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>Splits a knockd.conf into sections of <c>key = value</c> entries; <c>#</c> starts a comment line.</summary>
internal static class KnockdFile
{
    public static List<KnockdSection> Read(string text, string fileName, DiagnosticBag bag)
    {
        var sections = new List<KnockdSection>();
        string? name = null;
        SourceLocation at = SourceLocation.None;
        var entries = new List<KnockdEntry>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int column = lines[i].Length - lines[i].TrimStart().Length + 1;
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
                continue;
            }

            if (name is null)
            {
                bag.Error(location, ProfileCodes.KnockdSyntax, $"'{line}' comes before any [section]");
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string key = (equals < 0 ? line : line[..equals]).Trim().ToLowerInvariant();
            string value = equals < 0 ? "" : line[(equals + 1)..].Trim();
            entries.Add(new KnockdEntry(key, value, line, location));
        }

        if (name is not null)
        {
            sections.Add(new KnockdSection(name, at, entries));
        }

        return sections;
    }
}
