using Microsoft.Extensions.Options;

namespace Sesame.Cli.Logging;

/// <summary>Options that never change, for a logger built without a host or configuration (nothing read by reflection).</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
