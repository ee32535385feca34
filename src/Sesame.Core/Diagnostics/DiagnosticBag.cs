namespace Sesame.Diagnostics;

/// <summary>Collects every diagnostic of one run, so a parser can report them all instead of stopping at the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => ErrorCount > 0;

    /// <summary>How many of <see cref="Items"/> are errors, kept as they are added (counting them is linear).</summary>
    public int ErrorCount { get; private set; }

    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        ErrorCount += diagnostic.IsError ? 1 : 0;
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (Diagnostic d in diagnostics)
        {
            Add(d);
        }
    }

    public void Error(SourceLocation location, string code, string message) =>
        Add(new Diagnostic(Severity.Error, location, code, message));

    public void Warning(SourceLocation location, string code, string message) =>
        Add(new Diagnostic(Severity.Warning, location, code, message));

    /// <summary>The diagnostics in file order (line, then column), errors before warnings at the same place.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenByDescending(d => d.Severity)];
}
