using Sesame.Diagnostics;

namespace Sesame.Profiles;

/// <summary>A <c>key = value</c> line (or a bare flag such as <c>UseSyslog</c>); <see cref="Key"/> is lower-cased, as knockd ignores case.</summary>
internal sealed record KnockdEntry(string Key, string Value, string Original, SourceLocation Location)
{
    /// <summary>The column of the value's first character, for diagnostics inside the value.</summary>
    public int ValueColumn { get; init; } = Location.Column;

    /// <summary>Where the value's character at <paramref name="index"/> is.</summary>
    public SourceLocation At(int index) => Location with { Column = ValueColumn + index };
}
