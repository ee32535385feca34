using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>
/// A profile made from fwknopd's access.conf (and fwknopd.conf), with warnings for everything not carried over. Its SPA
/// users hold the keys read from access.conf: <see cref="FwknopKeyFiles.Write"/> puts them into the key files the
/// profile names, which must happen before the profile is read back.
/// </summary>
public sealed record FwknopImport(DoorProfile Profile, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
