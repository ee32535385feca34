using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>How <see cref="FwknopImporter"/> names key files and what it opens for stanzas without OPEN_PORTS.</summary>
public sealed record FwknopImportOptions
{
    /// <summary>The directory of the key files as the profile names it (relative to the profile's directory, or absolute); empty: beside the profile.</summary>
    public string KeysDirectory { get; init; } = "";

    /// <summary>
    /// The ports for a stanza with no OPEN_PORTS (fwknopd opens whatever its client asks for there; Sesame opens only
    /// listed ports); empty: such a stanza is an error.
    /// </summary>
    public EquatableArray<OpenPort> Open { get; init; } = EquatableArray<OpenPort>.Empty;

    /// <summary>The door's name, which names its address lists.</summary>
    public string DoorName { get; init; } = "fwknop";
}
