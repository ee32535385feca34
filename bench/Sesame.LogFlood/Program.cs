using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sesame.Cli.Logging;
using Sesame.Linux.Logging;
using Sesame.LogFlood;
using Sesame.Net;

// sesame-logflood MODE LINES RATE > sink: logs LINES spa-reject lines at RATE a second (0: as fast as possible) from one
// thread, as the daemon's packet loop does, and reports on standard error how long that thread spent in the log calls.
// MODE: drop (the daemon's choice: console logger, queue DaemonLogging.QueueLength (100,000), DropWrite), wait (the console logger's default full
// mode, Wait), sync (each line written and flushed on the calling thread). The sink decides: /dev/null, a pipe drained by
// cat, a pipe nobody reads (| sleep 60) — a stalled journal.
if (args.Length != 3 || args[0] is not ("drop" or "wait" or "sync"))
{
    Console.Error.WriteLine("usage: sesame-logflood drop|wait|sync LINES RATE");
    return 2;
}

int lines = int.Parse(args[1], CultureInfo.InvariantCulture);
double rate = double.Parse(args[2], CultureInfo.InvariantCulture);
using ILoggerFactory factory = args[0] switch
{
    "sync" => new LoggerFactory([new TextWriterLoggerProvider(Console.Out)], new LoggerFilterOptions { MinLevel = LogLevel.Debug }),
    _ => new LoggerFactory(
        [
            new ConsoleLoggerProvider(new ConsoleOptionsMonitor(new ConsoleLoggerOptions
            {
                FormatterName = KeyValueConsoleFormatter.FormatterName,
                QueueFullMode = args[0] == "drop" ? ConsoleLoggerQueueFullMode.DropWrite : ConsoleLoggerQueueFullMode.Wait,
                MaxQueueLength = DaemonLogging.QueueLength,
            }), [new KeyValueConsoleFormatter(journal: false)]),
        ],
        new LoggerFilterOptions { MinLevel = LogLevel.Debug }),
};
ILogger logger = factory.CreateLogger(DaemonLogging.Category);
var calls = new double[lines];
long begin = Stopwatch.GetTimestamp();
for (int i = 0; i < lines; i++)
{
    if (rate > 0)
    {
        long due = begin + (long)(i / rate * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(20);
        }
    }

    var source = IpRange.Host(new IPAddress([198, 18, (byte)(i >> 8), (byte)i]));
    long before = Stopwatch.GetTimestamp();
    logger.SpaRejected("admin", source, "hmac", "no key's HMAC matches", null);
    calls[i] = Stopwatch.GetElapsedTime(before).TotalMicroseconds;
}

double wall = Stopwatch.GetElapsedTime(begin).TotalSeconds;
Array.Sort(calls);
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[0]}: {lines} lines in {wall:0.000} s; per call p50 {calls[lines / 2]:0.0} us, p99 {calls[(int)(lines * 0.99)]:0.0} us, max {calls[^1] / 1000:0.0} ms, total in calls {calls.Sum() / 1e6:0.000} s"));
return 0;
