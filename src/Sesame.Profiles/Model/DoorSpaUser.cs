using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;

namespace Sesame.Profiles;

/// <summary>
/// One stanza of an SPA door, like fwknopd's access.conf <c>SOURCE</c> block: the sources it applies to, the key file
/// that holds its keys (never the keys themselves: a profile is not a secret), and what it may open.
/// </summary>
/// <param name="KeyFile">The key file as written in the profile; a relative path is relative to the profile's directory.</param>
public sealed record DoorSpaUser(string Name, string KeyFile)
{
    /// <summary>The keys read from <see cref="KeyFile"/>; null when they could not be read (the profile then has errors).</summary>
    public SpaKeys? Keys { get; init; }

    /// <summary>The source prefixes; empty is <c>source: any</c>.</summary>
    public EquatableArray<IpRange> Sources { get; init; } = EquatableArray<IpRange>.Empty;

    /// <summary>The ports this stanza may open, a subset of the door's; empty: all of the door's.</summary>
    public EquatableArray<OpenPort> Open { get; init; } = EquatableArray<OpenPort>.Empty;

    /// <summary>This stanza's default access, or null for the door's <c>open_for</c> (fwknopd's FW_ACCESS_TIMEOUT).</summary>
    public TimeSpan? OpenFor { get; init; }

    /// <summary>This stanza's longest access, or null for the door's <c>max_open_for</c> (fwknopd's MAX_FW_TIMEOUT).</summary>
    public TimeSpan? MaxOpenFor { get; init; }

    /// <summary>Where the user is written.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public override string ToString() => $"SPA user {Name} ({KeyFile})";
}
