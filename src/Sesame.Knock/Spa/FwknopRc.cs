using System.Globalization;

namespace Sesame.Knock.Spa;

/// <summary>
/// An fwknop client rc file (<c>~/.fwknoprc</c>): stanzas <c>[default]</c> and <c>[NAME]</c>, each line
/// <c>VARIABLE VALUE</c> (a colon after the variable is allowed), <c>#</c> starting a comment line. Read by Sesame's own
/// parser, stricter than fwknop's: a line it does not understand, a NUL or control character, or a line longer than
/// fwknop's 1024 characters is an error naming file:line:column, not a warning. The file is a secret (it holds keys):
/// <see cref="Read"/> refuses one others may read.
/// </summary>
public sealed partial class FwknopRc
{
    /// <summary>fwknop's MAX_LINE_LEN less its NUL: fwknop cuts longer lines, which would change a key silently.</summary>
    public const int MaxLineLength = 1023;

    /// <summary>The largest rc file read.</summary>
    public const int MaxFileLength = 256 * 1024;

    public const string DefaultStanza = "default";

    private readonly List<Stanza> _stanzas;

    private FwknopRc(string path, List<Stanza> stanzas)
    {
        Path = path;
        _stanzas = stanzas;
    }

    public string Path { get; }

    /// <summary>The stanza names in file order (<c>default</c> included when present).</summary>
    public IReadOnlyList<string> Stanzas => [.. _stanzas.Select(s => s.Name)];

    /// <summary><c>~/.fwknoprc</c>, where fwknop looks.</summary>
    public static string DefaultPath() =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fwknoprc");

    /// <summary>Reads <paramref name="path"/>: a regular file of at most <see cref="MaxFileLength"/> bytes, not readable or writable by others.</summary>
    /// <exception cref="FwknopRcException">Missing, unreadable, open to others, too long, or not an rc file.</exception>
    public static FwknopRc Read(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FwknopRcException(Directory.Exists(path) ? $"{path}: is a directory, not an fwknoprc file" : $"{path}: no such file");
            }

            if (info.Length > MaxFileLength)
            {
                throw new FwknopRcException($"{path}: {info.Length} bytes; an fwknoprc file is at most {MaxFileLength} bytes");
            }

            UnixFileMode mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
            const UnixFileMode OpenToOthers = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupWrite;
            if ((mode & OpenToOthers) != 0)
            {
                throw new FwknopRcException($"{path}: mode {Convert.ToString((int)mode, 8)} lets other users read or change the keys it holds; chmod 600 {path}");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            // A FIFO or a device would block or never end; a regular file is the one kind that seeks.
            if (!stream.CanSeek)
            {
                throw new FwknopRcException($"{path}: not a regular file");
            }

            var buffer = new byte[MaxFileLength + 1];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxFileLength)
            {
                throw new FwknopRcException($"{path}: longer than {MaxFileLength} bytes; not an fwknoprc file");
            }

            text = new System.Text.UTF8Encoding(false, true).GetString(buffer, 0, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            throw new FwknopRcException(ex is System.Text.DecoderFallbackException ? $"{path}: not UTF-8 text" : $"{path}: cannot read: {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses the text of an rc file, every syntax error collected; <paramref name="path"/> only names the place.</summary>
    /// <exception cref="FwknopRcException">One line per error, each <c>path:line:column: message</c>.</exception>
    public static FwknopRc Parse(string text, string path)
    {
        var errors = new List<string>();
        var stanzas = new List<Stanza>();
        Stanza? current = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            string where = $"{path}:{lineNumber.ToString(CultureInfo.InvariantCulture)}";
            if (line.Length > MaxLineLength)
            {
                errors.Add($"{where}:{MaxLineLength + 1}: line longer than {MaxLineLength} characters");
                continue;
            }

            int bad = line.AsSpan().IndexOfAnyInRange('\0', '\x1f');
            while (bad >= 0 && line[bad] == '\t')
            {
                int next = line.AsSpan(bad + 1).IndexOfAnyInRange('\0', '\x1f');
                bad = next < 0 ? -1 : bad + 1 + next;
            }

            if (bad < 0 && line.Contains('\x7f', StringComparison.Ordinal))
            {
                bad = line.IndexOf('\x7f', StringComparison.Ordinal);
            }

            if (bad >= 0)
            {
                errors.Add($"{where}:{bad + 1}: control character \\x{(int)line[bad]:x2} in the line");
                continue;
            }

            int start = 0;
            while (start < line.Length && line[start] is ' ' or '\t')
            {
                start++;
            }

            if (start == line.Length || line[start] is '#' or ';')
            {
                continue;
            }

            if (line[start] == '[')
            {
                int close = line.IndexOf(']', start);
                string name = close < 0 ? "" : line[(start + 1)..close].Trim();
                string rest = close < 0 ? "" : line[(close + 1)..].Trim();
                if (close < 0 || name.Length == 0 || name.Contains('[', StringComparison.Ordinal) || (rest.Length > 0 && rest[0] is not ('#' or ';')))
                {
                    errors.Add($"{where}:{start + 1}: a stanza header is [NAME] alone on its line");
                    continue;
                }

                current = new Stanza(name, lineNumber);
                stanzas.Add(current);
                continue;
            }

            if (!TryParseEntry(line, start, lineNumber, out Entry entry, out string error))
            {
                errors.Add($"{where}:{error}");
                continue;
            }

            if (current is null)
            {
                errors.Add($"{where}:{start + 1}: {Named(entry.Name)} comes before any stanza; start the file with [default]");
                continue;
            }

            current.Entries.Add(entry);
        }

        if (errors.Count > 0)
        {
            throw new FwknopRcException(string.Join('\n', errors));
        }

        return new FwknopRc(path, stanzas);
    }

    private static bool TryParseEntry(string line, int start, int lineNumber, out Entry entry, out string error)
    {
        entry = default;
        error = "";
        int nameEnd = start;
        while (nameEnd < line.Length && line[nameEnd] is not (' ' or '\t'))
        {
            nameEnd++;
        }

        string name = line[start..nameEnd].TrimEnd(':');
        int valueStart = nameEnd;
        while (valueStart < line.Length && line[valueStart] is ' ' or '\t')
        {
            valueStart++;
        }

        if (valueStart == line.Length || line[valueStart] is '#' or ';')
        {
            error = $"{start + 1}: {Named(name)} has no value (VARIABLE VALUE)";
            return false;
        }

        int valueEnd = valueStart;
        while (valueEnd < line.Length && line[valueEnd] is not (' ' or '\t' or '#' or ';'))
        {
            valueEnd++;
        }

        int tail = valueEnd;
        while (tail < line.Length && line[tail] is ' ' or '\t')
        {
            tail++;
        }

        if (tail < line.Length && line[tail] is not ('#' or ';'))
        {
            error = $"{tail + 1}: {Named(name)} takes one word; more follows it";
            return false;
        }

        entry = new Entry(name.ToUpperInvariant(), line[valueStart..valueEnd], lineNumber, valueStart + 1);
        return true;
    }

    /// <summary>
    /// A variable's name quoted back, or "this line" when it does not look like one: the file may be a key or another
    /// secret given by mistake, and a message must not copy a line of it to the terminal or a log.
    /// </summary>
    internal static string Named(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"'{name}'" : "this line";

    private readonly record struct Entry(string Name, string Value, int Line, int Column);

    private sealed record Stanza(string Name, int Line)
    {
        public List<Entry> Entries { get; } = [];
    }
}
