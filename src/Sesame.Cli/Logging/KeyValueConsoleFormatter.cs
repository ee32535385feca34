using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Sesame.Linux.Logging;

namespace Sesame.Cli.Logging;

/// <summary>
/// The console logger's form of the daemon's lines: <see cref="KeyValueLine"/> from the event's structured state, and,
/// when standard output is the journal's stream, a <c>&lt;N&gt;</c> syslog priority in front that journald keeps as the
/// entry's priority (so <c>journalctl -p warning</c> shows the refusals and errors). Never a prefix otherwise: a file or
/// a pipe gets the bare line fail2ban and the tests read.
/// </summary>
internal sealed class KeyValueConsoleFormatter(bool journal) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "sesame-key-value";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var line = new StringBuilder(160);
        if (journal)
        {
            line.Append('<').Append(JournalStream.Priority(logEntry.LogLevel)).Append('>');
        }

        LogEntry<TState> entry = logEntry;
        KeyValueLine.Render(line, entry.EventId, entry.State, entry.Exception, () => entry.Formatter(entry.State, entry.Exception));
        textWriter.Write(line.Append('\n'));
    }
}
