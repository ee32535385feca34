using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sesame.Linux.Logging;

namespace Sesame.Cli.Logging;

/// <summary>
/// The logger <c>sesame serve</c> hands the daemon. On the process's standard output: the console logger with
/// <see cref="KeyValueConsoleFormatter"/>, whose queue is written by a thread of its own, so the packet loop only formats
/// and enqueues a line; when the reader (journald, a pipe) falls behind by <see cref="QueueLength"/> lines, further lines
/// are dropped, never waited for — the console logger then says on standard error how many. In-process (tests): the lines
/// go to the context's writer as they happen.
/// </summary>
internal static class DaemonLogging
{
    /// <summary>
    /// Lines the console logger holds for a slow reader: at most about 20 MB of text, at ~200 bytes a line. The daemon
    /// writes at most a few thousand lines a second under a flood (reports are limited per rule, SPA rejects to 1,000 a
    /// second), but a script can write a burst: the seed's grant script over 10,000 knock2 entries writes 20,000 lines at
    /// once, and with a queue of 10,000 a loaded machine dropped 6,443 of its grant lines (ServeControlTests, in CI). So the
    /// queue holds such a burst, and tens of seconds of a stalled journal under a flood (docs/serve.md, "Under a flood").
    /// </summary>
    public const int QueueLength = 100_000;

    public const string Category = "Sesame.Daemon";

    public static ILoggerFactory Create(CliContext context, LogLevel minimum)
    {
        // Providers given to the factory's constructor are not disposed with it; added ones are: the console logger's
        // queue is written out when the factory is disposed (the stop line included), not lost with the process.
        var factory = new LoggerFactory([], new LoggerFilterOptions { MinLevel = minimum });
        if (!context.OutIsConsole)
        {
            factory.AddProvider(new TextWriterLoggerProvider(context.Out, minimum));
            return factory;
        }

        var options = new ConsoleLoggerOptions
        {
            FormatterName = KeyValueConsoleFormatter.FormatterName,
            QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite,
            MaxQueueLength = QueueLength,
            LogToStandardErrorThreshold = LogLevel.None,
        };
        factory.AddProvider(new ConsoleLoggerProvider(new ConsoleOptionsMonitor(options), [new KeyValueConsoleFormatter(JournalStream.IsStandardOutput())]));
        return factory;
    }
}
