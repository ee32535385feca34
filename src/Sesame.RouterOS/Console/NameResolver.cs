namespace Sesame.RouterOS.Console;

/// <summary>
/// Console abbreviation (ROUTEROS.md §1.2): a command or argument name may be cut to any prefix that only one known
/// name starts with; an exact name always wins (<c>address-list</c> next to <c>address-list-timeout</c>).
/// </summary>
internal static class NameResolver
{
    public static NameResolution Resolve(string written, IEnumerable<string> known)
    {
        string? found = null;
        int count = 0;
        foreach (string name in known)
        {
            if (name == written)
            {
                return new NameResolution(name, []);
            }

            if (name.StartsWith(written, StringComparison.Ordinal))
            {
                found = name;
                count++;
            }
        }

        if (count == 1)
        {
            return new NameResolution(found, []);
        }

        return count == 0
            ? new NameResolution(null, [])
            : new NameResolution(null, [.. known.Where(n => n.StartsWith(written, StringComparison.Ordinal)).Distinct()]);
    }
}
