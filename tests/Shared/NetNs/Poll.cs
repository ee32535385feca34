using System.Diagnostics;

namespace Sesame.Tests.Support;

/// <summary>Bounded waiting for something outside the test process (a file, a log line) to happen.</summary>
internal static class Poll
{
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return condition();
    }
}
