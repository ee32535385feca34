using System.Text;

namespace Sesame.Profiles;

/// <summary>
/// Splits a knockd command into the words /bin/sh would pass to the program (knockd runs every command with
/// <c>sh -c</c>): blanks separate words, '…' is literal, "…" keeps blanks and takes \ before $ ` " \ only, a backslash
/// outside quotes escapes the next character. Anything the shell would do beyond splitting — operators, expansions,
/// globs, a comment — is reported in <c>shellUse</c>, since the words alone no longer say what runs.
/// </summary>
internal static class ShellWords
{
    /// <summary>
    /// False with <paramref name="error"/> when a quote is not closed (<paramref name="errorAt"/>: its index);
    /// <paramref name="shellUse"/> names the first shell feature used, or is null.
    /// </summary>
    public static bool TrySplit(string command, out List<string> words, out string? shellUse, out string error, out int errorAt)
    {
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
                case ' ' or '\t':
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
