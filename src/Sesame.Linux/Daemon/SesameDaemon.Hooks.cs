using System.Globalization;
using Microsoft.Extensions.Logging;
using Sesame.Linux.Hooks;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
    private readonly Lock _hookLock = new();
    private readonly List<Task> _runningHooks = [];
    private readonly List<(long Due, ListHook Hook, IpRange Address)> _pendingStops = [];
    private Dictionary<string, ListHook>? _hooksByList;

    private Dictionary<string, ListHook> HooksByList =>
        _hooksByList ??= _options.Hooks.GroupBy(h => h.List, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>A source entered a list: the door's start hook, and its stop hook later when it has a fixed delay.</summary>
    private void Entered(string list, IpRange address)
    {
        if (!HooksByList.TryGetValue(list, out ListHook? hook))
        {
            return;
        }

        Launch(hook, hook.Start, "start", address);
        if (hook.Stop is not null && hook.StopAfter is { } after)
        {
            lock (_hookLock)
            {
                _pendingStops.Add((_options.Time.GetTimestamp() + (long)(after.TotalSeconds * _options.Time.TimestampFrequency), hook, address));
            }
        }
    }

    /// <summary>A source left a list (expired or removed): the stop hook, unless it runs after a fixed delay instead.</summary>
    private void Left(string list, IpRange address)
    {
        if (HooksByList.TryGetValue(list, out ListHook? hook) && hook.StopAfter is null)
        {
            Launch(hook, hook.Stop, "stop", address);
        }
    }

    private void RunDueStops()
    {
        long now = _options.Time.GetTimestamp();
        List<(long Due, ListHook Hook, IpRange Address)> due;
        lock (_hookLock)
        {
            due = _pendingStops.FindAll(p => p.Due <= now);
            _pendingStops.RemoveAll(p => p.Due <= now);
        }

        foreach ((_, ListHook hook, IpRange address) in due)
        {
            Launch(hook, hook.Stop, "stop", address);
        }
    }

    /// <summary>Runs a hook in the background (packets keep flowing meanwhile) and logs how it ended.</summary>
    private void Launch(ListHook hook, string? command, string which, IpRange address)
    {
        if (command is null)
        {
            return;
        }

        var source = IpRange.ToAddress(address.Family, address.First);
        Task run = Task.Run(async () =>
        {
            HookResult result = await HookRunner.RunAsync(command, hook.Shell, source, hook.TimeLimit, CancellationToken.None).ConfigureAwait(false);
            _log.Hook(result.Succeeded ? LogLevel.Information : LogLevel.Warning, which, hook.List, address,
                result.StartError,
                result.StartError is null && result.TimedOut ? hook.TimeLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s" : null,
                result.StartError is null && !result.TimedOut ? result.ExitCode : null,
                result.Output.Length > 0 ? result.Output.ReplaceLineEndings(" ") : null);
        });
        lock (_hookLock)
        {
            _runningHooks.RemoveAll(t => t.IsCompleted);
            _runningHooks.Add(run);
        }
    }

    /// <summary>On exit, give running hooks their time limit to finish (they are killed at it anyway).</summary>
    private void WaitForHooks()
    {
        Task[] running;
        lock (_hookLock)
        {
            running = [.. _runningHooks];
        }

        TimeSpan longest = _options.Hooks.Count == 0 ? TimeSpan.Zero : _options.Hooks.Max(h => h.TimeLimit);
        Task.WaitAll(running, longest + TimeSpan.FromSeconds(1));
    }
}
