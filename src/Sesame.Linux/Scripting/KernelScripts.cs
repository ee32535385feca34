using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Scripting;

namespace Sesame.Linux.Scripting;

/// <summary>
/// <c>sesame run</c>: one script, once, against the running <c>table inet sesame</c> of this network namespace — its
/// address-list commands read and write the kernel's sets; filter rules are read-only (<see cref="ReadOnlyFilterRules"/>).
/// </summary>
public static class KernelScripts
{
    /// <summary>Runs <paramref name="invocation"/> with a kernel host on the calling thread.</summary>
    /// <exception cref="NftException">libnftables or the table is not there (nothing ran).</exception>
    public static ScriptRunResult RunOnce(FirewallConfig config, IScriptRunner runner, ScriptInvocation invocation, IScriptLog log,
        TimeProvider? time = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(log);
        using var nft = new NftContext();
        if (!nft.TableExists())
        {
            throw new NftException("there is no table inet sesame in this network namespace; is 'sesame serve' running?");
        }

        using var store = new NftAddressListStore(nft);
        var host = new KernelScriptHost(config, store, new ReadOnlyFilterRules(config), time ?? TimeProvider.System, script: invocation.DisplayName);
        return runner.Run(invocation, host, log, cancellation);
    }
}
