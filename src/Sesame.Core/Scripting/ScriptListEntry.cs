using Sesame.Net;

namespace Sesame.Scripting;

/// <summary>An address-list entry as a script sees it (<c>find</c>, <c>get</c>, <c>print</c>).</summary>
/// <param name="Id">Stable for the entry's life in its host; a script shows it as <c>*</c> and uppercase hex.</param>
/// <param name="Address">The address, or null for an entry given as a DNS name.</param>
/// <param name="Timeout">Time left before it expires, or null when it has none.</param>
public sealed record ScriptListEntry(
    long Id,
    string List,
    IpRange? Address,
    string? DnsName,
    TimeSpan? Timeout,
    bool Dynamic,
    bool Disabled,
    string? Comment,
    DateTimeOffset CreationTime);

/// <summary>What <c>address-list add</c> asks for.</summary>
/// <param name="Timeout">Null: no timeout (a static entry unless <paramref name="Dynamic"/>).</param>
public sealed record ScriptListEntryRequest(
    string List,
    IpRange? Address,
    string? DnsName,
    TimeSpan? Timeout,
    bool Dynamic,
    bool Disabled,
    string? Comment);

/// <summary>What <c>address-list set</c> changes; a null field is left as it is.</summary>
/// <param name="ClearTimeout">True for <c>!timeout</c> (the entry loses its timeout).</param>
/// <param name="ClearComment">True for <c>!comment</c>.</param>
public sealed record ScriptListEntryUpdate(
    string? List = null,
    IpRange? Address = null,
    TimeSpan? Timeout = null,
    bool ClearTimeout = false,
    bool? Disabled = null,
    string? Comment = null,
    bool ClearComment = false);
