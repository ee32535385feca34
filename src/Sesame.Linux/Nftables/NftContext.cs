using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// A libnftables context: runs nft commands in the network namespace of the thread that created it. Not thread-safe
/// (libnftables' context is not). Everything Sesame applies goes through <see cref="Apply(NftRuleset)"/> as libnftables
/// JSON, which refuses any command that is not about <c>inet sesame</c>.
/// </summary>
public sealed class NftContext : IDisposable
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

    /// <summary>
    /// Runs nft text commands as one transaction, unchecked; returns nft's output, throws <see cref="NftException"/> with
    /// nft's error. Sesame applies its own rules through <see cref="Apply(NftRuleset)"/>; this is for listing and tests.
    /// </summary>
    public string Run(string commands) => Run(commands, json: false);

    /// <summary>As <see cref="Run(string)"/>, with JSON output (for <c>list</c> commands).</summary>
    public string RunJson(string commands) => Run(commands, json: true);

    /// <summary>
    /// Applies a compiled ruleset in one transaction (all of it or, on any error, nothing), then reads the table back and
    /// compares it with the compilation (<see cref="NftRulesetVerifier"/>).
    /// </summary>
    /// <exception cref="NftException">The kernel or Sesame refused the ruleset; nothing was changed.</exception>
    /// <exception cref="NftVerificationException">The table read back differs from the compilation.</exception>
    public void Apply(NftCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        Apply(compilation.Ruleset);
        if (!Verify(compilation.Ruleset, out IReadOnlyList<string> differences))
        {
            throw new NftVerificationException(differences);
        }
    }

    /// <summary>
    /// Applies a transaction in one go as libnftables JSON, after checking every command on the data
    /// (<see cref="NftCommandGuard"/>): only objects of <c>inet sesame</c>, and no string nftables would cut. Tables Sesame
    /// does not own are never touched, whatever the ruleset says.
    /// </summary>
    /// <remarks>
    /// Two quirks of nftables 1.0.6 are handled here. Its JSON does not read the set flag <c>dynamic</c>, which the kernel
    /// adds to a set a rule updates; declaring such a set again without it is a conflict (EEXIST), so a set that exists
    /// with the same type, size and other flags is not declared again (with another definition it is, and the kernel
    /// refuses the transaction as the text would). A set deleted earlier in the same transaction is declared anyway.
    /// </remarks>
    /// <exception cref="NftException">Refused; nothing was changed.</exception>
    public void Apply(NftRuleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        List<JsonObject> commands = [];
        Dictionary<string, JsonObject>? existing = null;
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (NftCommand command in ruleset.JsonCommands)
        {
            JsonObject json = command.ToJson();
            NftCommandGuard.Check(json);
            if (command is { Verb: "delete", Kind: "set" } && command.Field("name") is { } gone)
            {
                deleted.Add(gone);
            }

            if (command is { Verb: "add", Kind: "set" })
            {
                existing ??= ExistingSets();
                string name = command.Field("name")!;
                if (!deleted.Contains(name) && existing.TryGetValue(name, out JsonObject? set) && NftSetDefinition.Same(command.Body!, set))
                {
                    continue;
                }

                NftSetDefinition.WithoutDynamic((JsonObject)json["add"]!["set"]!);
            }

            commands.Add(json);
        }

        if (commands.Count > 0)
        {
            Run(Serialize(commands), json: true);
        }
    }

    /// <summary>
    /// Lists the table (terse) and compares it with <paramref name="expected"/>; false with each difference when they
    /// differ. Callable at any time, e.g. by a watcher that notices edits made by others.
    /// </summary>
    public bool Verify(NftRuleset expected, out IReadOnlyList<string> differences)
    {
        ArgumentNullException.ThrowIfNull(expected);
        differences = NftRulesetVerifier.Compare(expected, ListWithoutElements());
        return differences.Count == 0;
    }

    /// <summary>
    /// As <see cref="Verify(NftRuleset, out IReadOnlyList{string})"/>, and also compares every rule exactly with
    /// <paramref name="baseline"/>, a <see cref="NftRulesetVerifier.RuleSnapshot"/> taken after the last apply
    /// (<see cref="Snapshot"/>): an edit the fingerprints cannot see (another address or port) shows there.
    /// </summary>
    public bool Verify(NftRuleset expected, IReadOnlyList<string> baseline, out IReadOnlyList<string> differences)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(baseline);
        string listed = ListWithoutElements();
        differences = [.. NftRulesetVerifier.Compare(expected, listed), .. NftRulesetVerifier.CompareSnapshot(baseline, listed)];
        return differences.Count == 0;
    }

    /// <summary>The chains and rules of the table as they are now, for <see cref="Verify(NftRuleset, IReadOnlyList{string}, out IReadOnlyList{string})"/>.</summary>
    public IReadOnlyList<string> Snapshot() => NftRulesetVerifier.RuleSnapshot(ListWithoutElements());

    private Dictionary<string, JsonObject> ExistingSets()
    {
        var sets = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        JsonArray items = JsonNode.Parse(ListWithoutElements())?["nftables"] as JsonArray ?? [];
        foreach (JsonNode? item in items)
        {
            if (item?["set"] is JsonObject set && NftJson.Str(set["family"]) == "inet" && NftJson.Str(set["table"]) == NftNames.Table
                && NftJson.Str(set["name"]) is { } name)
            {
                sets[name] = set;
            }
        }

        return sets;
    }

    /// <summary>The commands as one libnftables JSON document, written by System.Text.Json (never by concatenation).</summary>
    internal static string Serialize(IEnumerable<JsonObject> commands)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("nftables");
            writer.WriteStartObject();
            writer.WriteStartObject("metainfo");
            writer.WriteNumber("json_schema_version", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
            foreach (JsonObject command in commands)
            {
                command.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>The elements of every address-list set, with their timeouts.</summary>
    public IReadOnlyList<NftAddressListElement> ListAddressLists() => NftJsonReader.ReadAddressLists(ListTable());

    /// <summary>The address lists the table has a host set for, with the family of each set.</summary>
    public IReadOnlyList<(IpFamily Family, string List)> ListAddressListSets() => NftJsonReader.ReadHostSets(ListWithoutElements());

    /// <summary>
    /// The whole ruleset as terse libnftables JSON, without set elements (a reload plans its transaction from what
    /// <c>inet sesame</c> holds: <see cref="NftReloadPlanner"/>).
    /// </summary>
    public string ListStructure() => ListWithoutElements();

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
        int errno = Marshal.GetLastPInvokeError();
        string output = Marshal.PtrToStringUTF8(Interop.Nftables.NftCtxGetOutputBuffer(_handle)) ?? "";
        string error = Marshal.PtrToStringUTF8(Interop.Nftables.NftCtxGetErrorBuffer(_handle)) ?? "";
        if (rc != 0)
        {
            throw new NftException(error.Length > 0 ? error.TrimEnd() : $"nft failed ({rc})", errno);
        }

        return output;
    }
}
