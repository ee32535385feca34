namespace Sesame.Linux.Daemon;

/// <summary>
/// What <see cref="DaemonOptions.Loader"/> made of a configuration file: the configuration, or the errors that keep it
/// from being served, each one line naming its place (<c>file:line:column: error SES0101: …</c>).
/// </summary>
public sealed record DaemonConfigLoad
{
    private DaemonConfigLoad(DaemonConfig? config, IReadOnlyList<string> errors)
    {
        Config = config;
        Errors = errors;
    }

    /// <summary>The configuration when it is usable, else null.</summary>
    public DaemonConfig? Config { get; }

    /// <summary>Why it is not (empty when <see cref="Config"/> is set).</summary>
    public IReadOnlyList<string> Errors { get; }

    public static DaemonConfigLoad Loaded(DaemonConfig config) => new(config ?? throw new ArgumentNullException(nameof(config)), []);

    /// <exception cref="ArgumentException">No error given: a failed load says why.</exception>
    public static DaemonConfigLoad Failed(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0 ? throw new ArgumentException("a failed load needs at least one error", nameof(errors)) : new(null, errors);
    }
}
