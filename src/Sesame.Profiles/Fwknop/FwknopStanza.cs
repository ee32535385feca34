namespace Sesame.Profiles;

/// <summary>An access.conf stanza: its <c>SOURCE</c> line (the <paramref name="Ordinal"/>th) and the lines up to the next.</summary>
internal sealed record FwknopStanza(int Ordinal, FwknopEntry Source, List<FwknopEntry> Entries);
