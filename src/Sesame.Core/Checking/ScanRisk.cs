namespace Sesame.Checking;

/// <summary>
/// The chance that one full TCP SYN scan of every port, in uniformly random order (nmap's default), completes a knock
/// sequence. The model follows what the rules do:
/// <list type="bullet">
/// <item>each of the 65,535 ports is probed once, one probe every 1/<c>rate</c> seconds;</item>
/// <item>step k+1 registers only if its port comes after step k's port and within step k's list timeout; a probe of a
/// later step's port out of turn changes nothing, so the sequence completes exactly when the knock ports appear in
/// order with every gap inside its timeout (a reset on a wrong knock cannot change that: in one pass of distinct
/// ports an out-of-turn probe only happens in orders that fail anyway);</item>
/// <item>a blacklist whose drop sits above the knock rules ends the scan at its first blacklisted port: every later
/// probe from the scanner is dropped before the knock rules (a short listing that expires mid-scan lets a probe or two
/// through before the next blacklisted port renews it; the model leaves those out).</item>
/// </list>
/// The count runs over the positions of the knock ports in the scan: increasing positions with gaps of at most
/// <c>timeout × rate</c>, weighted by the chance that all blacklisted ports come after the last knock.
/// </summary>
public static class ScanRisk
{
    public const int AllPorts = 65535;

    /// <summary>Probes per second assumed for a full scan (nmap's normal timing against a host that drops probes).</summary>
    public const double DefaultRate = 1000;

    /// <param name="stepTimeouts">The timeouts between consecutive knocks (one fewer than the knocks); null: no limit.</param>
    /// <param name="blacklistedPorts">Ports (other than the knock ports) that put the scanner on a blacklist dropped above the knocks.</param>
    public static double Probability(int knocks, IReadOnlyList<TimeSpan?> stepTimeouts, int blacklistedPorts, double rate = DefaultRate, int ports = AllPorts)
    {
        ArgumentNullException.ThrowIfNull(stepTimeouts);
        if (knocks < 1 || knocks > ports || stepTimeouts.Count != knocks - 1)
        {
            throw new ArgumentException("a sequence of N knocks has N-1 step timeouts and at most as many knocks as ports");
        }

        // gaps[s]: the number of ways the knock positions can spread over s positions (sum of the gaps).
        double[] gaps = new double[ports + 1];
        gaps[0] = 1;
        foreach (TimeSpan? timeout in stepTimeouts)
        {
            long window = timeout is { } t ? (long)Math.Floor(t.TotalSeconds * rate) : ports;
            gaps = Convolve(gaps, (int)Math.Clamp(window, 0, ports));
        }

        // Sequences ending at position p: first knock at p - s >= 1, so the gap sums s < p count.
        double below = 0;
        double ratio = 1; // chance that every blacklisted port lies after position p, given the knocks fill p's prefix
        double total = 0;
        int b = Math.Max(0, blacklistedPorts);
        for (int p = 1; p <= ports; p++)
        {
            below += gaps[p - 1];
            if (p >= knocks)
            {
                total += below * ratio;
                // C(M-p-1, B) / C(M-p, B) = (M-p-B) / (M-p).
                ratio = ports - p - b <= 0 ? 0 : ratio * (ports - p - b) / (ports - p);
            }
        }

        double orderings = 1;
        for (int i = 0; i < knocks; i++)
        {
            orderings *= ports - i;
        }

        return total / orderings;
    }

    /// <summary>Adds one gap of 1..window positions to every way counted so far.</summary>
    private static double[] Convolve(double[] ways, int window)
    {
        double[] prefix = new double[ways.Length + 1];
        for (int i = 0; i < ways.Length; i++)
        {
            prefix[i + 1] = prefix[i] + ways[i];
        }

        double[] result = new double[ways.Length];
        for (int s = 1; s < ways.Length; s++)
        {
            // Sum of ways[s - d] for d = 1..window.
            result[s] = prefix[s] - prefix[Math.Max(0, s - window)];
        }

        return result;
    }

    /// <summary>"1 in 7 (14.2%)" or "about 1 in 3.2e+14".</summary>
    public static string Format(double probability)
    {
        if (probability <= 0)
        {
            return "0";
        }

        double oneIn = 1 / probability;
        return oneIn < 1e6
            ? $"1 in {oneIn.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ({(probability * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}%)"
            : $"about 1 in {oneIn.ToString("0.#e+0", System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
