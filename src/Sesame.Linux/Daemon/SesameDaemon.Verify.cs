using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
    /// <summary>The chains and rules as read back after the last verified apply (<see cref="NftContext.Snapshot"/>).</summary>
    private IReadOnlyList<string> _baseline = [];

    /// <summary>
    /// Compares the kernel's <c>table inet sesame</c> with the compiled ruleset and with the rules read back after the last
    /// apply: false, with each difference, when someone changed it. Call it from the daemon's own thread (the
    /// libnftables context is not thread-safe).
    /// </summary>
    /// <exception cref="InvalidOperationException">The daemon has not started.</exception>
    public bool Verify(out IReadOnlyList<string> differences)
    {
        if (_nft is null)
        {
            throw new InvalidOperationException("Start the daemon first.");
        }

        return _nft.Verify(Compilation.Ruleset, _baseline, out differences);
    }

    /// <summary>
    /// Applies <paramref name="ruleset"/> (the compilation, or it with one set recreated) and reads the table back: what
    /// the kernel holds must be what was compiled, or the daemon does not go on as if it were.
    /// </summary>
    /// <exception cref="NftVerificationException">The table differs; each difference is logged.</exception>
    private void ApplyVerified(NftRuleset ruleset)
    {
        _nft!.Apply(ruleset);
        if (!_nft.Verify(Compilation.Ruleset, out IReadOnlyList<string> differences))
        {
            foreach (string difference in differences)
            {
                _log.Message("error", $"stage=verify difference={DaemonEventLog.Value(difference)}");
            }

            throw new NftVerificationException(differences);
        }

        _baseline = _nft.Snapshot();
    }
}
