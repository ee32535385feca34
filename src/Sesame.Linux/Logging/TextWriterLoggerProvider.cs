using Microsoft.Extensions.Logging;

namespace Sesame.Linux.Logging;

/// <summary>
/// The daemon's lines (<see cref="KeyValueLine"/>) on a <see cref="TextWriter"/>, written and flushed at once on the
/// logging thread: for in-process callers and tests that read the lines back. The program's own standard output goes
/// through the console logger instead (its queue keeps a slow reader from holding up the packet loop).
/// </summary>
public sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum = LogLevel.Debug) : ILoggerProvider
{
    private readonly TextWriterLogger _logger = new(writer ?? throw new ArgumentNullException(nameof(writer)), minimum);

    public ILogger CreateLogger(string categoryName) => _logger;

    public void Dispose() => _logger.Flush();
}
