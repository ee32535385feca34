namespace Sesame.Diagnostics;

/// <summary>"Did you mean …?" for a name that is not known: the closest known name within a typo's reach.</summary>
public static class Suggestion
{
    /// <summary>
    /// The known name nearest to <paramref name="written"/>, or null when none is within a typo's reach: two edits, or a
    /// third of the name's length for long names (a name extending the other by up to three characters counts as one).
    /// </summary>
    public static string? Nearest(string written, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = Distance(written, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, written.Length / 3) ? best : null;
    }

    /// <summary>" (did you mean 'x'?)", or "" when nothing is near.</summary>
    public static string DidYouMean(string written, IEnumerable<string> known) =>
        Nearest(written, known) is { } near ? $" (did you mean '{near}'?)" : "";

    /// <summary>Edit distance, case-insensitive; a name that extends the other by at most three characters counts as one edit.</summary>
    private static int Distance(string a, string b)
    {
        if (a.Length != b.Length
            && (a.StartsWith(b, StringComparison.OrdinalIgnoreCase) || b.StartsWith(a, StringComparison.OrdinalIgnoreCase))
            && Math.Abs(a.Length - b.Length) <= 3)
        {
            return 1;
        }

        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
