using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>One <c>[name]</c> section of a knockd.conf with its entries in order.</summary>
internal sealed record KnockdSection(string Name, SourceLocation Location, IReadOnlyList<KnockdEntry> Entries);
