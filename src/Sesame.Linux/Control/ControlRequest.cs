namespace Sesame.Linux.Control;

/// <summary>
/// A request on the control socket: <c>{"verb":"run","script":NAME}</c>, <c>{"verb":"reload"}</c>,
/// <c>{"verb":"apply","path":…,"confirm-ms":…,"ssh-connection":…}</c> or <c>{"verb":"confirm"}</c>.
/// </summary>
internal sealed record ControlRequest(string Verb, string Script)
{
    /// <summary><c>apply</c>: the configuration file, an absolute path; null for the daemon's own.</summary>
    public string? Path { get; init; }

    /// <summary><c>apply</c>: how long the daemon waits for <c>confirm</c> before it rolls back; null: no rollback.</summary>
    public TimeSpan? ConfirmWithin { get; init; }

    /// <summary><c>apply</c>: the client's <c>SSH_CONNECTION</c> (client address, port, server address, port), when it had one.</summary>
    public string? SshConnection { get; init; }
}
