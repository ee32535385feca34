using System.Text;
using Microsoft.Extensions.Logging;

namespace Sesame.Linux.Logging;

/// <summary>One <see cref="KeyValueLine"/> per event on a writer, whole lines under a lock (several threads log).</summary>
internal sealed class TextWriterLogger(TextWriter writer, LogLevel minimum) : ILogger
{
    private readonly Lock _lock = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = new StringBuilder(128);
        KeyValueLine.Render(line, eventId, state, exception, () => formatter(state, exception));
        string text = line.ToString();
        lock (_lock)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            writer.Flush();
        }
    }
}
