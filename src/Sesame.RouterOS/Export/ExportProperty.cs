namespace Sesame.RouterOS.Export;

/// <summary>One <c>name=value</c> argument; <see cref="Value"/> is already quoted and escaped as needed.</summary>
internal readonly record struct ExportProperty(string Name, string Value)
{
    public override string ToString() => $"{Name}={Value}";
}
