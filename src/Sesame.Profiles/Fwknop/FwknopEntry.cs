using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>One <c>VAR value</c> line of an fwknop config; <see cref="Location"/> is the variable's, <see cref="ValueLocation"/> the value's.</summary>
internal sealed record FwknopEntry(string Key, string Value, SourceLocation Location, SourceLocation ValueLocation);
