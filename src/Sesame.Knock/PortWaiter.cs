using System.Net;

namespace Sesame.Knock;

/// <summary>After a knock, polls the protected TCP port until it accepts a connection or the time is up.</summary>
public sealed class PortWaiter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private readonly KnockSettings _settings;
    private readonly TimeProvider _time;

    public PortWaiter(KnockSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
    }

    /// <summary>True as soon as a connect to <paramref name="target"/> succeeds; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitOpenAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        // Every attempt and pause is bounded by what is left of the timeout, so the loop ends by it.
        while (true)
        {
            TimeSpan left = timeout - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            TimeSpan attempt = left < AttemptTimeout ? left : AttemptTimeout;
            if (TcpConnectKnock.Attempt(target, _settings, attempt) == KnockOutcome.Open)
            {
                return true;
            }

            left = timeout - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(left < Interval ? left : Interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
