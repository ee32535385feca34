using Sesame.Fleet;
using Sesame.Profiles;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// What <c>serve --fleet</c> and <c>sesame fleet</c> check of a connection text and a password file before the database
/// is asked anything: the same rules, each message naming the option the user typed.
/// </summary>
internal static class FleetArguments
{
    /// <summary>The longest password a file holds (PostgreSQL's SCRAM takes any length; a longer line is a wrong file).</summary>
    public const int MaxPassword = 1024;

    /// <summary>
    /// A connection text that can be parsed: not empty, no control character, no password (a command line is readable
    /// by every user in /proc). The text is never repeated: it may hold the password.
    /// </summary>
    public static bool TryCheckConnection(string text, string what, string passwordOption, CliContext context)
    {
        if (text.Trim().Length == 0 || text.Length > FleetNames.MaxConnectionLength || text.Any(char.IsControl))
        {
            context.Error.WriteLine($"sesame: {what} is not a usable connection string (empty, longer than {FleetNames.MaxConnectionLength} characters, or with a control character)");
            return false;
        }

        if (FleetNames.HasPassword(text))
        {
            context.Error.WriteLine($"sesame: {what} holds a password, which every user can read on a command line; {FleetNames.PasswordAdvice(passwordOption)}");
            return false;
        }

        return true;
    }

    /// <summary>A password file given on the command line: it exists and others cannot read it.</summary>
    public static bool TryCheckPasswordFile(string? path, string option, CliContext context)
    {
        if (path is not null && FleetNames.PasswordFileProblem(path) is { } problem)
        {
            context.Error.WriteLine($"sesame: {option} {FleetNames.Shown(path)}: the file {TerminalText.Escape(problem)}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The Npgsql connection string (<see cref="FleetConnection.TryParse"/>); false after one line (exit 2), which names
    /// <paramref name="what"/> when there is more than one place the text could come from.
    /// </summary>
    public static bool TryParse(string text, string? passwordFile, string? what, CliContext context, out string connectionString)
    {
        if (!FleetConnection.TryParse(text, fromCommandLine: true, passwordFile, out connectionString, out string error))
        {
            context.Error.WriteLine(TerminalText.Escape(what is null ? $"sesame: {error}" : $"sesame: {what}: {error}"));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The first line of a password file, without its line break; null after a message when the file cannot be used,
    /// is empty, holds a NUL (PostgreSQL refuses it) or a line longer than <see cref="MaxPassword"/>.
    /// </summary>
    public static string? ReadPassword(string path, string option, CliContext context)
    {
        if (!TryCheckPasswordFile(path, option, context))
        {
            return null;
        }

        string line;
        try
        {
            using var reader = new StreamReader(path);
            char[] buffer = new char[MaxPassword + 2];
            int read = reader.ReadBlock(buffer, 0, buffer.Length);
            string head = new(buffer, 0, read);
            int end = head.IndexOfAny(['\n', '\r']);
            if (end < 0 && read > MaxPassword)
            {
                context.Error.WriteLine($"sesame: {option} {FleetNames.Shown(path)}: the password is longer than {MaxPassword} characters");
                return null;
            }

            line = end < 0 ? head : head[..end];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {option} {FleetNames.Shown(path)}: {ex.Message}"));
            return null;
        }

        string? problem = line.Length == 0 ? "its first line is empty" : line.Contains('\0', StringComparison.Ordinal) ? "the password holds a NUL character" : null;
        if (problem is not null)
        {
            context.Error.WriteLine($"sesame: {option} {FleetNames.Shown(path)}: {problem}");
            return null;
        }

        return line;
    }
}
