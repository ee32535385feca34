namespace Sesame.RouterOS.Console;

/// <param name="Name">The full name, or null when unknown or ambiguous.</param>
/// <param name="Candidates">The names an ambiguous prefix fits (empty when the name is unknown).</param>
internal sealed record NameResolution(string? Name, IReadOnlyList<string> Candidates)
{
    public bool IsAmbiguous => Name is null && Candidates.Count > 1;
}
