namespace Sesame.Diagnostics;

/// <summary>A place in an input file: 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for input that has no file position (a generated model, for example).</summary>
    public static SourceLocation None { get; } = new("", 0, 0);

    public bool IsNone => Line == 0;

    public override string ToString() => IsNone ? File : $"{File}:{Line}:{Column}";
}
