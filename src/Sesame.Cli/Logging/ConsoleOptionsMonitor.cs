using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Sesame.Cli.Logging;

/// <summary>Console logger options that never change, for a logger built without a host or configuration (nothing read by reflection).</summary>
internal sealed class ConsoleOptionsMonitor(ConsoleLoggerOptions value) : IOptionsMonitor<ConsoleLoggerOptions>
{
    public ConsoleLoggerOptions CurrentValue => value;

    public ConsoleLoggerOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<ConsoleLoggerOptions, string?> listener) => null;
}
