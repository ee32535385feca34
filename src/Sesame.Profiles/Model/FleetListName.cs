using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>A list named in a profile's <c>fleet: share:</c> or <c>local:</c>, with its place (it must be a list of the profile).</summary>
public sealed record FleetListName(string Name, SourceLocation Location);
