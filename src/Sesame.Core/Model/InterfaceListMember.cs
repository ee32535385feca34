using Sesame.Diagnostics;

namespace Sesame.Model;

/// <summary><c>/interface list member</c>: puts one interface into one list.</summary>
public sealed record InterfaceListMember(string List, string Interface)
{
    public bool Disabled { get; init; }

    public string? Comment { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
