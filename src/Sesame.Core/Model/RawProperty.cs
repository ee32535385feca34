namespace Sesame.Model;

/// <summary>A property kept verbatim (name and unescaped value) so that export can write it back.</summary>
public readonly record struct RawProperty(string Name, string Value);
