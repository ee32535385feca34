using System.Text;

namespace Sesame.RouterOS.Export;

/// <summary>
/// Writes one command (<c>add</c> and its arguments) as one line, or wrapped as RouterOS exports wrap it (ROUTEROS.md
/// §1.1, §5.3): at most <see cref="Width"/> columns, a break between arguments written as <c> \</c> and a newline, every
/// continuation line indented by four spaces. An argument too long for a line of its own is broken inside its value
/// with a bare <c>\</c>; a reader drops the backslash, the newline and the indentation that follows.
/// </summary>
internal static class CommandWriter
{
    /// <summary>ROUTEROS.md §10 item 11 leaves the exact column open; 80 is what RouterOS exports look like.</summary>
    public const int Width = 80;

    private const string Indent = "    ";

    public static void Write(StringBuilder output, string command, IReadOnlyList<ExportProperty> arguments, bool wrap)
    {
        if (!wrap)
        {
            output.Append(command);
            foreach (ExportProperty argument in arguments)
            {
                output.Append(' ').Append(argument.Name).Append('=').Append(argument.Value);
            }

            output.Append('\n');
            return;
        }

        var line = new StringBuilder(command);
        for (int i = 0; i < arguments.Count; i++)
        {
            string token = arguments[i].ToString();
            // Room for " \" when more arguments follow.
            int reserve = i == arguments.Count - 1 ? 0 : 2;
            if (line.Length + 1 + token.Length + reserve <= Width)
            {
                line.Append(' ').Append(token);
            }
            else if (Indent.Length + token.Length + reserve <= Width)
            {
                output.Append(line).Append(" \\\n");
                line.Clear().Append(Indent).Append(token);
            }
            else
            {
                WriteSplit(output, line, token, arguments[i].Name.Length + 1);
            }
        }

        output.Append(line).Append('\n');
    }

    /// <summary>
    /// Breaks a long argument across lines. The first piece holds at least <c>name=</c> and the value's first unit, so
    /// a break never falls inside the name. An escape sequence (<c>\"</c>, <c>\XX</c>) is never split, and a piece never
    /// starts with a blank, which the reader would drop with the indentation: such a space is written <c>\_</c>.
    /// </summary>
    private static void WriteSplit(StringBuilder output, StringBuilder line, string token, int nameLength)
    {
        int minimum = nameLength + UnitLength(token, nameLength);
        if (line.Length + 1 + minimum + 1 > Width)
        {
            output.Append(line).Append(" \\\n");
            line.Clear().Append(Indent);
        }
        else
        {
            line.Append(' ');
        }

        int position = 0;
        bool first = true;
        while (position < token.Length)
        {
            if (!first && token[position] == ' ')
            {
                line.Append(@"\_");
                position++;
            }

            int end = position;
            while (end < token.Length)
            {
                int unit = UnitLength(token, end);
                // A piece ends in a backslash; the last one may be followed by " \\" before the next argument.
                int room = Width - line.Length - (end - position) - (end + unit == token.Length ? 2 : 1);
                if (unit > room && !(first && end < minimum))
                {
                    break;
                }

                end += unit;
            }

            if (end == position)
            {
                // Not even one unit fits after the indentation (cannot happen at 80 columns); take one to make progress.
                end += UnitLength(token, end);
            }

            line.Append(token, position, end - position);
            position = end;
            first = false;
            if (position < token.Length)
            {
                output.Append(line).Append("\\\n");
                line.Clear().Append(Indent);
            }
        }
    }

    /// <summary>One character, or a whole escape sequence: <c>\XX</c> (two uppercase hex digits) or <c>\c</c>.</summary>
    private static int UnitLength(string token, int index)
    {
        if (index >= token.Length)
        {
            return 0;
        }

        if (token[index] != '\\' || index + 1 >= token.Length)
        {
            return 1;
        }

        return index + 2 < token.Length && IsUpperHex(token[index + 1]) && IsUpperHex(token[index + 2]) ? 3 : 2;
    }

    private static bool IsUpperHex(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'F');
}
