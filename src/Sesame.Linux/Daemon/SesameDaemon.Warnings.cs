using Sesame.Diagnostics;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
    /// <summary>
    /// Logs a finding about the config as an event line (<c>event=warning code=SES0540 at=… message="…"</c>), so that
    /// a warning an admin must not miss (IPv6 left open) reaches the journal beside the knocks, not only the terminal.
    /// </summary>
    public void LogWarning(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        string at = diagnostic.Location.ToString();
        _log.ConfigWarning(diagnostic.Code, at.Length > 0 ? at : null, diagnostic.Message);
    }
}
