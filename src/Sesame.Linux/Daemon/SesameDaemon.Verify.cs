using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
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

        (NftCompilation compilation, IReadOnlyList<string> baseline) = _live.Current();
        return _nft.Verify(compilation.Ruleset, baseline, out differences);
    }

    /// <summary>
    /// Applies the ruleset <paramref name="ruleset"/> makes of the current compilation (it, or it with one set recreated)
    /// and reads the table back: what the kernel holds must be what was compiled, or the daemon does not go on as if it
    /// were. Under <see cref="LiveRules.Lock"/>, so a script's rule change and this apply never interleave.
    /// </summary>
    /// <exception cref="NftVerificationException">The table differs; each difference is logged.</exception>
    private void ApplyVerified(Func<NftCompilation, NftRuleset> ruleset)
    {
        lock (_live.Lock)
        {
            NftCompilation compilation = _live.Compilation;
            _nft!.Apply(ruleset(compilation));
            if (!_nft.Verify(compilation.Ruleset, out IReadOnlyList<string> differences))
            {
                foreach (string difference in differences)
                {
                    _log.VerifyDifference(difference);
                }

                throw new NftVerificationException(differences);
            }

            _live.Baseline = _nft.Snapshot();
        }
    }
}
