using Npgsql;

namespace Sesame.Fleet;

/// <summary>
/// The listener thread: it holds the session. Each round connects both connections, takes the node's name (a session
/// advisory lock), sends the queue, LISTENs, catches up from the last change handed over, reports Joined, then waits for
/// notifications and heartbeats every second until the session breaks; then Lost, back-off, again.
/// </summary>
public sealed partial class FleetLink
{
    private long? _handed;
    private volatile bool _notified;
    private long _lastBeat;

    private void ListenLoop()
    {
        CancellationToken stop = _stop.Token;
        TimeSpan backOff = FirstBackOff;
        bool everJoined = false;
        bool outReported = false;
        long outSince = _settings.Time.GetTimestamp();
        string? lastReason = null;
        while (!stop.IsCancellationRequested && !_stopping)
        {
            NpgsqlConnection? listen = null;
            NpgsqlConnection? send = null;
            try
            {
                listen = Open(stop);
                listen.Notification += (_, _) => _notified = true;
                long? known = Join(listen, stop)
                    ?? throw new FleetException($"node {Node} is already in the fleet (another daemon uses this name)");
                _handed ??= known;
                _lastBeat = _settings.Time.GetTimestamp();
                send = Open(stop);
                _sessionBroken = null;
                int sent;
                lock (_sendLock)
                {
                    _send = send;
                    sent = Flush(send, stop);
                }

                Execute(listen, "LISTEN " + FleetSchema.Channel, stop);
                _notified = false;
                int caughtUp = CatchUp(listen, stop);
                Heartbeat(listen, stop);
                _connected = true;
                backOff = FirstBackOff;
                TimeSpan? outFor = everJoined ? _settings.Time.GetElapsedTime(outSince) : null;
                everJoined = true;
                outReported = false;
                lastReason = null;
                Raise(e => e.Joined(outFor, sent, caughtUp));
                _wake.Set();
                Serve(listen, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Every failure, expected or not, ends the session and is retried: an exception that left this
                // thread would end the daemon.
                string reason = e is FleetException ? e.Message : FleetDatabase.DescribeForNode(e);
                bool wasConnected = _connected;
                _connected = false;
                if (wasConnected || !outReported)
                {
                    if (wasConnected)
                    {
                        outSince = _settings.Time.GetTimestamp();
                    }

                    outReported = true;
                    Raise(ev => ev.Lost(reason));
                }
                else if (reason != lastReason)
                {
                    Raise(ev => ev.Failed("still out of the fleet: " + reason));
                }

                lastReason = reason;
            }
            catch (Exception)
            {
                // Stopping: whatever the cancelled call threw.
            }
            finally
            {
                _connected = false;
                lock (_sendLock)
                {
                    _send = null;
                }

                send?.Dispose();
                listen?.Dispose();
            }

            if (!stop.WaitHandle.WaitOne(backOff))
            {
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, LastBackOff.Ticks));
            }
        }
    }

    /// <summary>The session's steady state: notifications (coalesced: one read of since() until empty), a heartbeat every second.</summary>
    private void Serve(NpgsqlConnection listen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (_sessionBroken is { } broken)
            {
                throw new FleetException(broken);
            }

            TimeSpan untilBeat = HeartbeatEvery - _settings.Time.GetElapsedTime(_lastBeat);
            if (!_notified && untilBeat > TimeSpan.Zero)
            {
                listen.WaitAsync(untilBeat < TimeSpan.FromMilliseconds(250) ? untilBeat : TimeSpan.FromMilliseconds(250), stop)
                    .GetAwaiter().GetResult();
            }

            if (_notified)
            {
                CatchUp(listen, stop);
            }

            if (_settings.Time.GetElapsedTime(_lastBeat) >= HeartbeatEvery)
            {
                Heartbeat(listen, stop);
            }
        }
    }

    /// <summary>Reads since() from the last change handed over until it is empty; hands the other nodes' rows over. Returns how many.</summary>
    private int CatchUp(NpgsqlConnection listen, CancellationToken stop)
    {
        int total = 0;
        while (true)
        {
            _notified = false;
            var rows = new List<FleetEntry>();
            long last = _handed ?? 0;
            using (var command = new NpgsqlCommand("SELECT seq, origin, list, address, op, left_ms FROM sesame_fleet.since($1, $2)", listen))
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
                using NpgsqlDataReader reader = command.ExecuteReaderAsync(stop).GetAwaiter().GetResult();
                int read = 0;
                while (reader.Read())
                {
                    read++;
                    last = reader.GetInt64(0);
                    string origin = reader.GetString(1);
                    if (origin == Node)
                    {
                        continue;
                    }

                    short op = reader.GetInt16(4);
                    TimeSpan? left = reader.IsDBNull(5) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(5));
                    rows.Add(new FleetEntry(last, origin, reader.GetString(2), reader.GetString(3), (FleetOp)op, left));
                }

                if (rows.Count > 0)
                {
                    Raise(e => e.Received(rows));
                    total += rows.Count;
                }

                _handed = last;
                if (read < BatchSize)
                {
                    return total;
                }

                // A long catch-up still says every second that this session is alive (join() ends a silent holder).
                if (_settings.Time.GetElapsedTime(_lastBeat) >= HeartbeatEvery)
                {
                    Heartbeat(listen, stop);
                }
            }
        }
    }

    private void Heartbeat(NpgsqlConnection listen, CancellationToken stop)
    {
        using var command = new NpgsqlCommand("SELECT sesame_fleet.heartbeat($1, $2, $3)", listen);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Node });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _handed ?? 0 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _version });
        command.ExecuteNonQueryAsync(stop).GetAwaiter().GetResult();
        _lastBeat = _settings.Time.GetTimestamp();
    }

    /// <summary>Takes the node's name for this session; null when another session holds it.</summary>
    private long? Join(NpgsqlConnection listen, CancellationToken stop)
    {
        using var command = new NpgsqlCommand("SELECT sesame_fleet.join($1)", listen);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Node });
        object? value = command.ExecuteScalarAsync(stop).GetAwaiter().GetResult();
        return value is long seq ? seq : null;
    }

    private NpgsqlConnection Open(CancellationToken stop)
    {
        NpgsqlConnection connection = _dataSource!.CreateConnection();
        try
        {
            connection.OpenAsync(stop).GetAwaiter().GetResult();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql, CancellationToken stop)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQueryAsync(stop).GetAwaiter().GetResult();
    }
}
