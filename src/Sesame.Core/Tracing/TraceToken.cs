using Sesame.Diagnostics;

namespace Sesame.Tracing;

/// <summary>A blank-separated field of a trace line; <c>key=value</c> fields carry their key and unescaped value.</summary>
internal sealed record TraceToken(string Text, SourceLocation Location)
{
    public string Key { get; init; } = "";

    public string Value { get; init; } = "";

    public byte[] PayloadBytes { get; init; } = [];

    public SourceLocation ValueLocation { get; init; }

    public bool IsKeyValue => Key.Length > 0;

    public TraceToken ValueToken => new(Value, ValueLocation);
}
