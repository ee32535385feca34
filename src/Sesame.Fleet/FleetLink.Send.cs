using Npgsql;

namespace Sesame.Fleet;

/// <summary>
/// The sender thread: woken by Publish, it sends the queue in batches of at most <see cref="BatchSize"/>, one change() call
/// each (one round trip). A batch lost with the connection goes back into the queue; one the server refused is reported
/// and dropped (sending it again would fail again and hold up everything behind it).
/// </summary>
public sealed partial class FleetLink
{
    private static readonly TimeSpan DropReportEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FinalFlushBudget = TimeSpan.FromMilliseconds(1500);

    private long _dropsSeen;
    private long _dropsSince;

    private void SendLoop()
    {
        CancellationToken stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            _wake.WaitOne(_queue.Dropped > 0 ? TimeSpan.FromMilliseconds(100) : HeartbeatEvery);
            ReportDrops();
            if (_stopping)
            {
                FinalFlush();
                return;
            }

            if (!_connected)
            {
                continue;
            }

            lock (_sendLock)
            {
                if (_send is null || _sessionBroken is not null)
                {
                    continue;
                }

                try
                {
                    Flush(_send, stop);
                }
                catch (Exception e)
                {
                    // The queue has the batch back; the listener ends the session and reconnects.
                    _sessionBroken = FleetDatabase.Describe(e);
                }
            }
        }
    }

    /// <summary>On Dispose: what is queued goes out if the session is up, within a bound.</summary>
    private void FinalFlush()
    {
        if (!_connected || _queue.Count == 0)
        {
            return;
        }

        using var budget = new CancellationTokenSource(FinalFlushBudget);
        lock (_sendLock)
        {
            if (_send is null)
            {
                return;
            }

            try
            {
                Flush(_send, budget.Token);
            }
            catch (Exception e)
            {
                Raise(ev => ev.Failed($"stopping: {_queue.Count} changes not sent ({FleetDatabase.Describe(e)})"));
            }
        }
    }

    /// <summary>Sends the whole queue (the caller holds the send lock); returns how many changes went. Throws when the connection is lost.</summary>
    private int Flush(NpgsqlConnection send, CancellationToken stop)
    {
        int sent = 0;
        while (true)
        {
            List<FleetChange> batch = _queue.Take(BatchSize);
            if (batch.Count == 0)
            {
                return sent;
            }

            try
            {
                SendBatch(send, batch, stop);
                sent += batch.Count;
            }
            catch (PostgresException e) when (!FleetDatabase.IsConnectionLoss(e, send))
            {
                Raise(ev => ev.Failed($"the fleet's database refused {batch.Count} changes: {FleetDatabase.DescribeForNode(e)}"));
            }
            catch
            {
                _queue.Return(batch);
                throw;
            }
        }
    }

    private void SendBatch(NpgsqlConnection send, List<FleetChange> batch, CancellationToken stop)
    {
        var ops = new short[batch.Count];
        var lists = new string[batch.Count];
        var addresses = new string[batch.Count];
        var left = new long?[batch.Count];
        var ago = new long[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            FleetChange change = batch[i];
            ops[i] = (short)change.Op;
            lists[i] = change.List;
            addresses[i] = change.Address.ToString();
            left[i] = change.TimeLeft is { } t ? (long)Math.Ceiling(t.TotalMilliseconds) : null;
            ago[i] = Math.Max(0, (long)_settings.Time.GetElapsedTime(change.At).TotalMilliseconds);
        }

        using var command = new NpgsqlCommand("SELECT sesame_fleet.change($1, $2, $3, $4, $5, $6)", send);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Node });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = ops });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = lists });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = addresses });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = left });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ago });
        command.ExecuteScalarAsync(stop).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Changes dropped for want of room: one Failed per burst, once the count has stopped growing for 100 ms (or after
    /// 5 s of steady dropping), with the count.
    /// </summary>
    private void ReportDrops()
    {
        long dropped = _queue.Dropped;
        if (dropped == 0)
        {
            return;
        }

        if (_dropsSeen == 0)
        {
            _dropsSince = _settings.Time.GetTimestamp();
        }

        if (dropped != _dropsSeen && _settings.Time.GetElapsedTime(_dropsSince) < DropReportEvery)
        {
            _dropsSeen = dropped;
            return;
        }

        _queue.Reported(dropped);
        _dropsSeen = 0;
        Raise(e => e.Failed($"fleet queue full ({_queue.Capacity} changes): the {dropped} oldest were dropped"));
    }
}
