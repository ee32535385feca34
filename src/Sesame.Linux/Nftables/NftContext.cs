using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// A libnftables context: runs nft commands in the network namespace of the thread that created it. Not thread-safe
/// (libnftables' context is not). Everything Sesame applies goes through <see cref="Apply(string)"/>, which refuses a
/// script that would touch any table but <c>inet sesame</c>.
/// </summary>
public sealed partial class NftContext : IDisposable
{
    private readonly SafeNftContextHandle _handle;

    /// <exception cref="DllNotFoundException">libnftables.so.1 is not installed.</exception>
    public NftContext()
    {
        _handle = Interop.Nftables.NftCtxNew(Interop.Nftables.NFT_CTX_DEFAULT);
        if (_handle.IsInvalid)
        {
            throw new NftException("nft_ctx_new failed");
        }

        if (Interop.Nftables.NftCtxBufferOutput(_handle) != 0 || Interop.Nftables.NftCtxBufferError(_handle) != 0)
        {
            _handle.Dispose();
            throw new NftException("libnftables could not buffer its output");
        }
    }

    /// <summary>Whether libnftables can be loaded on this machine.</summary>
    public static bool IsAvailable
    {
        get
        {
            if (!NativeLibrary.TryLoad(Interop.Libraries.Nftables, out nint library))
            {
                return false;
            }

            NativeLibrary.Free(library);
            return true;
        }
    }

    /// <summary>Runs nft commands as one transaction; returns nft's output, throws <see cref="NftException"/> with nft's error.</summary>
    public string Run(string commands) => Run(commands, json: false);

    /// <summary>As <see cref="Run(string)"/>, with JSON output (for <c>list</c> commands).</summary>
    public string RunJson(string commands) => Run(commands, json: true);

    /// <summary>Applies a compiled ruleset in one transaction: all of it or, on any error, nothing.</summary>
    public void Apply(NftCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        Apply(compilation.Script);
    }

    /// <summary>
    /// Applies a script in one transaction after checking that every command names <c>inet sesame</c>: tables Sesame
    /// does not own are never touched, whatever the script says.
    /// </summary>
    public void Apply(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        foreach (string line in script.Split('\n'))
        {
            string command = line.Trim();
            if (command.Length > 0 && !command.StartsWith('#') && !OwnCommand().IsMatch(command))
            {
                throw new NftException($"refusing a command that is not about table inet sesame: {command}");
            }
        }

        Run(script);
    }

    /// <summary>The elements of every address-list set, with their timeouts.</summary>
    public IReadOnlyList<NftAddressListElement> ListAddressLists() => NftJsonReader.ReadAddressLists(ListTable());

    /// <summary>The address lists the table has a host set for, with the family of each set.</summary>
    public IReadOnlyList<(IpFamily Family, string List)> ListAddressListSets() => NftJsonReader.ReadHostSets(ListWithoutElements());

    /// <summary>Whether <c>table inet sesame</c> exists in this network namespace.</summary>
    public bool TableExists()
    {
        return NftJsonReader.HasTable(ListWithoutElements()); // `list tables` would fetch every set element too
    }

    /// <summary>Every rule's named counter, IPv4 rules first, in rule order.</summary>
    public IReadOnlyList<NftRuleCounter> ListCounters() => NftJsonReader.ReadCounters(ListWithoutElements());

    public void Dispose() => _handle.Dispose();

    private string ListTable() => RunJson($"list table {NftNames.QualifiedTable}");

    /// <summary>
    /// The whole ruleset without set elements (the readers keep only <c>inet sesame</c>'s parts). nftables 1.0.6 fetches
    /// every element of every set for <c>list table</c>, <c>list counters</c> and <c>get element</c>, and the kernel's
    /// element dump re-walks a hash set from its start for each message, so with a set flooded to 1 M entries those
    /// took 40 s here; a terse <c>list ruleset</c> skips the elements and takes milliseconds.
    /// </summary>
    private string ListWithoutElements() => Run("list ruleset", json: true, terse: true);

    private string Run(string commands, bool json, bool terse = false)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        Interop.Nftables.NftCtxOutputSetFlags(_handle, (json ? Interop.Nftables.NFT_CTX_OUTPUT_JSON : 0) | (terse ? Interop.Nftables.NFT_CTX_OUTPUT_TERSE : 0));
        int rc = Interop.Nftables.NftRunCmdFromBuffer(_handle, commands);
        string output = Marshal.PtrToStringUTF8(Interop.Nftables.NftCtxGetOutputBuffer(_handle)) ?? "";
        string error = Marshal.PtrToStringUTF8(Interop.Nftables.NftCtxGetErrorBuffer(_handle)) ?? "";
        if (rc != 0)
        {
            throw new NftException(error.Length > 0 ? error.TrimEnd() : $"nft failed ({rc})");
        }

        return output;
    }

    [GeneratedRegex(@"^(add|flush|delete) (table|chain|set|element|counter|rule) inet sesame( |$)")]
    private static partial Regex OwnCommand();
}
