using System.Text;

namespace Sesame.Text;

/// <summary>
/// Splits a command (<c>knock --then</c>, a door's hooks) into argv the way a POSIX shell splits words — blanks separate, '…' is literal,
/// "…" keeps blanks and honours \" \\ \$ \`, a backslash outside quotes escapes the next character — but without
/// running a shell: no variables, globs, pipes or redirections.
/// </summary>
public static class CommandLineSplitter
{
    public static bool TrySplit(string command, out string[] argv, out string error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        error = "";
        argv = [];
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
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
                        error = "a ' quote is not closed";
                        return false;
                    }

                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    i++;
                    while (i < command.Length && command[i] != '"')
                    {
                        if (command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(command[i]);
                        i++;
                    }

                    if (i >= command.Length)
                    {
                        error = "a \" quote is not closed";
                        return false;
                    }

                    break;
                case '\\':
                    if (i + 1 >= command.Length)
                    {
                        error = "the command ends with a lone '\\'";
                        return false;
                    }

                    word.Append(command[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }

            inWord = true;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        if (words.Count == 0)
        {
            error = "the command is empty";
            return false;
        }

        argv = [.. words];
        return true;
    }
}
