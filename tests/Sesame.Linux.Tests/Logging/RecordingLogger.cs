using Microsoft.Extensions.Logging;

namespace Sesame.Tests.Logging;

/// <summary>Keeps each event's level, id and named values, as a structured consumer of the daemon's log sees them.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, EventId Id, IReadOnlyList<KeyValuePair<string, object?>> Values)> Events { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Events.Add((logLevel, eventId, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
}
