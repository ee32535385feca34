using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Sesame.Linux.Control;
using Sesame.Linux.Daemon;
using Sesame.Linux.Logging;
using Sesame.Net;
using Sesame.Tests.Logging;

namespace Sesame.Tests.Daemon;

/// <summary>
/// The daemon's event table (docs/serve.md, "Log lines"): each <c>[LoggerMessage]</c> method has its own id and name, a
/// template of <c>key={parameter}</c> fields whose keys are the parameters' names in kebab case, and the level the docs
/// promise; a structured consumer gets typed values.
/// </summary>
public sealed partial class DaemonEventLogEventsTests
{
    private static readonly IpRange Source = IpRange.Host(IPAddress.Parse("203.0.113.7"));

    private static IReadOnlyList<(MethodInfo Method, LoggerMessageAttribute Event)> Events { get; } =
        [.. typeof(DaemonEventLog).GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(m => (m, m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Item2 is not null)
            .Select(e => (e.m, e.Item2!))];

    [Fact]
    public void Events_EachIdAndNameTheirOwn()
    {
        Assert.True(Events.Count >= 40, $"{Events.Count} events");
        Assert.Equal(Events.Count, Events.Select(e => e.Event.EventId).Distinct().Count());
        Assert.Equal(Events.Count, Events.Select(e => e.Event.EventName).Distinct().Count());
        Assert.All(Events, e => Assert.Matches(NameForm(), e.Event.EventName!));
    }

    [Fact]
    public void Events_TemplateKeys_AreTheParameterNamesInKebabCase_AndEveryValueHasALevel()
    {
        foreach ((MethodInfo method, LoggerMessageAttribute e) in Events)
        {
            string[] parameters = [.. method.GetParameters().Where(p => p.ParameterType != typeof(LogLevel)).Select(p => p.Name!)];
            var named = new List<string>();
            foreach (string field in e.Message.Split(' '))
            {
                Match m = FieldForm().Match(field);
                Assert.True(m.Success, $"{e.EventName}: field '{field}' is not key={{name}}, key={{name:format}} or key=word");
                if (m.Groups["name"].Success)
                {
                    string name = m.Groups["name"].Value;
                    named.Add(name);
                    string key = m.Groups["key"].Value;
                    Assert.True(key == KeyValueLine.Kebab(name) || (e.EventId == 1000 && key == "event") || (key.Length == 0 && e.EventId == 1000),
                        $"{e.EventName}: key '{key}' for parameter '{name}'");
                }
            }

            Assert.Equal(parameters.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
            Assert.True(e.Level != LogLevel.None || method.GetParameters().Any(p => p.ParameterType == typeof(LogLevel)), $"{e.EventName}: no level");
        }
    }

    [Theory]
    [InlineData("blacklist", LogLevel.Warning)]
    [InlineData("grant", LogLevel.Information)]
    [InlineData("stage", LogLevel.Information)]
    public void AddressList_Role_Level(string eventName, LogLevel level)
    {
        var logger = new RecordingLogger();
        EventKind kind = eventName switch { "blacklist" => EventKind.Blacklist, "grant" => EventKind.Grant, _ => EventKind.Stage };

        new DaemonEventLog(logger).AddressList(kind, "l", Source, TimeSpan.FromSeconds(30), IpFamily.V4, 3, "kernel");

        (LogLevel actual, EventId id, IReadOnlyList<KeyValuePair<string, object?>> values) = Assert.Single(logger.Events);
        Assert.Equal((level, eventName), (actual, id.Name));
        Assert.Contains(new KeyValuePair<string, object?>("src", Source), values);
        Assert.Contains(new KeyValuePair<string, object?>("timeout", TimeSpan.FromSeconds(30)), values);
    }

    [Fact]
    public void Levels_RefusalsWarn_ErrorsErr_StageEndingsAreDebug()
    {
        var logger = new RecordingLogger();
        var log = new DaemonEventLog(logger);

        log.SpaReject("admin", Source, "hmac", "no key's HMAC matches", null);
        log.Layer7Miss("temporary", Source, 0, IpFamily.V4);
        log.SpaGrant("admin", "alice", Source, Source, "tcp/22", TimeSpan.FromSeconds(30));
        log.Expired(EventKind.Stage, "888", Source, hadTimeout: true);
        log.Expired(EventKind.Grant, "secured", Source, hadTimeout: true);
        log.ScriptError("s", "line 1: no such item");
        log.ScriptLog("s", "warning", "w");
        log.ScriptLog("s", "put", "p");
        log.LookupFailed("secured", Source, "gone");
        log.ControlError(new ControlError("refused", new PeerCredentials(42, 65534, 65534), "only root"));
        log.ControlError(new ControlError("accept", null, "too many open files"));

        Assert.Equal(
            [
                ("spa-reject", LogLevel.Warning), ("layer7-miss", LogLevel.Warning), ("spa-grant", LogLevel.Information),
                ("expire", LogLevel.Debug), ("expire", LogLevel.Information), ("script-error", LogLevel.Error),
                ("script-log", LogLevel.Warning), ("script-log", LogLevel.Information), ("error.lookup", LogLevel.Error),
                ("control-error", LogLevel.Warning), ("control-error", LogLevel.Error),
            ],
            logger.Events.Select(e => (e.Id.Name, e.Level)));
    }

    [Fact]
    public void ControlError_Refused_TheLineTheSocketAlwaysWrote()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).ControlError(new ControlError("refused", new PeerCredentials(4243, 65534, 65534), "only root or the daemon's user may use the control socket", Suppressed: 3));

        Assert.Equal("sesame event=control-error stage=refused uid=65534 pid=4243 message=\"only root or the daemon's user may use the control socket\" suppressed=3" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void Restored_RecordRereadAndFull_OneKey()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).Restored("inet/sesame", 30.4, 67.2, false, 1, "lost", "ip/555,ip/888", "reread,full", 2);

        Assert.Equal("sesame event=restored table=inet/sesame took-ms=30 since-tampered-ms=67 recreated=no entries-restored=1 knock-progress=lost lists=ip/555,ip/888 record=reread,full transactions=2" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void NflogOverruns_KeywordParameter_KeyIsNew()
    {
        var writer = new StringWriter();

        new DaemonEventLog(writer).NflogOverruns(12, 5, "lost");

        Assert.Equal("sesame event=warning nflog-overruns=12 new=5 message=lost" + Environment.NewLine, writer.ToString());
    }

    [GeneratedRegex("^[a-z0-9-]+(\\.[a-z0-9-]+)?$")]
    private static partial Regex NameForm();

    [GeneratedRegex("^(?:(?<key>[a-z0-9-]+)=)?(?:\\{(?<name>[A-Za-z0-9]+)(?::[^}]+)?\\}|(?<word>[a-z0-9/-]+))$")]
    private static partial Regex FieldForm();
}
