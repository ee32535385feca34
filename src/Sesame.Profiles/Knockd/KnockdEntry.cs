using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>A <c>key = value</c> line (or a bare flag such as <c>UseSyslog</c>); <see cref="Key"/> is lower-cased, as knockd ignores case.</summary>
internal sealed record KnockdEntry(string Key, string Value, string Original, SourceLocation Location);
