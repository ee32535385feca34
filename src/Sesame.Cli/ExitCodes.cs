namespace Sesame.Cli;

/// <summary>Exit statuses shared by every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input (config, trace, file) is unusable; the messages say where.</summary>
    public const int InputError = 1;

    /// <summary>Any other failure with a clear message (a host that does not resolve, a missing privilege).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: an unknown option, a missing argument.</summary>
    public const int Usage = 2;

    /// <summary><c>knock --wait</c>: the knocks were sent but the port stayed closed.</summary>
    public const int WaitClosed = 3;

    /// <summary>
    /// <c>serve --confirm</c> was not confirmed in time (or was stopped in its window): the table is back as it was before
    /// the start. The unit's <c>RestartPreventExitStatus=</c> names it, so systemd does not start that configuration again.
    /// </summary>
    public const int RolledBack = Sesame.Linux.Daemon.SesameDaemon.ServeRolledBackExitCode;

    /// <summary>A failure inside Sesame (a bug); reported in one line, without a stack trace unless SESAME_DEBUG=1.</summary>
    public const int Internal = 70;
}
