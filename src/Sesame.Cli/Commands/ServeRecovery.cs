using Sesame.Linux.Daemon;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>serve</c>'s start after a crash, a kill or a reboot while an apply waited for its confirmation
/// (<see cref="ApplyJournal"/>): the apply was never confirmed, so the daemon serves the configuration saved before it —
/// the rollback that did not happen — and not the file, which may hold the unconfirmed rules. A record it cannot read
/// stops the start (fail closed: it never serves what may be the unconfirmed configuration by default).
/// </summary>
internal static class ServeRecovery
{
    /// <summary>False (reported) when a record is there but damaged; else the record of an unconfirmed apply, or null.</summary>
    public static bool TryFind(string configPath, string stateDirectory, CliContext context, out ApplyJournal.Pending? unconfirmed)
    {
        unconfirmed = null;
        try
        {
            unconfirmed = ApplyJournal.Read(stateDirectory, Path.GetFullPath(configPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            context.Error.WriteLine("sesame: nothing was applied; the running ruleset is unchanged");
            return false;
        }

        if (unconfirmed is not null)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: an apply of {unconfirmed.AppliedPath} was never confirmed (the daemon stopped in its window): serving the configuration from before it ({unconfirmed.PreviousPath}, saved as {unconfirmed.CopyPath}), as the rollback would have; 'sesame reload' serves {configPath} once it holds what you mean"));
        }

        return true;
    }

    /// <summary>The text of the file served, for a later safe apply's rollback record; null when it cannot be read again.</summary>
    public static string? TextOf(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
