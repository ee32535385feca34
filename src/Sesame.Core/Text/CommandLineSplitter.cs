using System.Text;

namespace Sesame.Text;

/// <summary>
/// Splits a command into argv the way a POSIX shell (<c>/bin/sh</c>) splits words — blanks separate, '…' is literal,
/// "…" keeps blanks and takes a backslash before <c>$ ` " \</c> only, a backslash outside quotes escapes the next
/// character — but without running a shell: no variables, globs, pipes or redirections. Used for the commands Sesame
/// runs itself (<c>knock --then</c>, a door's hooks) and to read knockd's commands, which knockd runs with <c>sh -c</c>.
/// </summary>
public static class CommandLineSplitter
{
    /// <summary>The words of a command Sesame runs without a shell; false for an unclosed quote or an empty command.</summary>
    public static bool TrySplit(string command, out string[] argv, out string error)
    {
        argv = [];
        if (!TrySplit(command, out List<string> words, out _, out error, out _))
        {
            return false;
        }

        if (words.Count == 0)
        {
            error = "the command is empty";
            return false;
        }

        argv = [.. words];
        return true;
    }

    /// <summary>
    /// The words /bin/sh would pass to the program. False with <paramref name="error"/> when a quote is not closed or the
    /// command ends with a lone backslash (<paramref name="errorAt"/>: its index). <paramref name="shellUse"/> names the
    /// first thing the shell would do beyond splitting — an operator, an expansion, a pattern, a comment, a line break —
    /// or is null: when it is set, the words alone no longer say what runs.
    /// </summary>
    public static bool TrySplit(string command, out List<string> words, out string? shellUse, out string error, out int errorAt)
    {
        ArgumentNullException.ThrowIfNull(command);
        words = [];
        shellUse = null;
        error = "";
        errorAt = 0;
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (c == '\n')
                    {
                        shellUse ??= "a line break (the shell's command separator)";
                    }

                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    continue;
                case '\'':
                    int close = command.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        (error, errorAt) = ("a ' quote is not closed", i);
                        return false;
                    }

                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    if (!DoubleQuoted(command, ref i, word, ref shellUse))
                    {
                        (error, errorAt) = ("a \" quote is not closed", i);
                        return false;
                    }

                    break;
                case '\\':
                    if (i + 1 >= command.Length)
                    {
                        (error, errorAt) = ("the command ends with a lone '\\'", i);
                        return false;
                    }

                    word.Append(command[++i]);
                    break;
                default:
                    shellUse ??= Special(c, inWord);
                    word.Append(c);
                    break;
            }

            inWord = true;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return true;
    }

    private static bool DoubleQuoted(string command, ref int i, StringBuilder word, ref string? shellUse)
    {
        int open = i;
        for (i++; i < command.Length; i++)
        {
            char c = command[i];
            if (c == '"')
            {
                return true;
            }

            if (c == '\\' && i + 1 < command.Length && command[i + 1] is '$' or '`' or '"' or '\\')
            {
                c = command[++i];
            }
            else if (c is '$' or '`')
            {
                shellUse ??= $"'{c}' expands inside double quotes";
            }

            word.Append(c);
        }

        i = open;
        return false;
    }

    private static string? Special(char c, bool inWord) => c switch
    {
        '|' or '&' or ';' or '<' or '>' or '(' or ')' => $"the operator '{c}'",
        '$' or '`' => $"the expansion '{c}'",
        '*' or '?' or '[' => $"the pattern character '{c}'",
        '#' when !inWord => "a '#' comment",
        '~' when !inWord => "a '~' home directory",
        _ => null,
    };
}
