using Microsoft.Extensions.Logging;
using Sesame.Linux.Control;
using Sesame.Linux.Daemon;
using Sesame.Net;
using Sesame.Tests.Logging;

namespace Sesame.Tests.Daemon;

/// <summary>
/// The configuration-change events (reload, apply, confirm, rollback and theirs, docs/serve.md): each line as the daemon
/// wrote it before they had events of their own, its event name, and its level.
/// </summary>
public sealed class DaemonEventLogConfigTests
{
    private static readonly ChangeVia Control = ChangeVia.Control(new PeerCredentials(4242, 0, 0));

    private static readonly DateTimeOffset Deadline = new(2026, 12, 6, 10, 1, 30, TimeSpan.Zero);

    public static TheoryData<string, string> Lines => new()
    {
        { "reload-applied", "sesame event=reload result=applied via=control uid=0 pid=4242 path=/etc/sesame/door.rsc rules=12 lists-dropped=1 sets-migrated=0 chains-dropped=2 took-ms=31" },
        { "apply-applied", "sesame event=apply result=applied via=signal path=/etc/sesame/door.rsc rules=12 lists-dropped=1 sets-migrated=0 chains-dropped=2 took-ms=31" },
        { "confirm-applied", "sesame event=confirm result=applied via=control uid=0 pid=4242 path=/etc/sesame/door.rsc rules=12 lists-dropped=1 sets-migrated=0 chains-dropped=2 took-ms=31" },
        { "rollback-applied", "sesame event=rollback result=applied via=timeout path=/etc/sesame/door.rsc rules=12 lists-dropped=1 sets-migrated=0 chains-dropped=2 took-ms=31" },
        { "reload-refused", "sesame event=reload result=refused via=signal path=\"/tmp/a b \\\"x\" errors=3" },
        { "rollback-refused", "sesame event=rollback result=refused via=stop path=/etc/sesame/door.rsc errors=1" },
        { "apply-kernel", "sesame event=apply result=refused via=control uid=0 pid=4242 path=/etc/sesame/next.rsc stage=kernel" },
        { "confirm-kernel", "sesame event=confirm result=refused via=control uid=0 pid=4242 path=/etc/sesame/next.rsc stage=kernel" },
        { "reload-pending", "sesame event=reload result=refused via=signal path=/etc/sesame/door.rsc reason=apply-pending" },
        { "apply-pending-refused", "sesame event=apply result=refused via=control uid=0 pid=4242 path=/etc/sesame/next.rsc reason=apply-pending" },
        { "nothing-pending", "sesame event=confirm result=refused via=control uid=0 pid=4242 reason=nothing-pending" },
        { "confirmed", "sesame event=confirm result=kept via=control uid=0 pid=4242 path=/etc/sesame/next.rsc" },
        { "serve-confirmed", "sesame event=confirm result=kept via=control uid=0 pid=4242 what=serve path=/etc/sesame/door.rsc" },
        { "rollback-failed", "sesame event=rollback result=failed retry-in=5s" },
        { "serve-rollback-failed", "sesame event=rollback result=failed via=timeout what=serve message=\"Error: Could not process rule\"" },
        { "serve-rolled-back", "sesame event=rollback result=applied via=timeout what=serve table=restored exit=4" },
        { "restart", "sesame event=rollback result=applied via=restart path=/var/lib/sesame/door.rsc.previous previous=/etc/sesame/door.rsc unconfirmed=/etc/sesame/next.rsc" },
        { "apply-pending", "sesame event=apply-pending path=/etc/sesame/next.rsc confirm-within=1m deadline=2026-12-06T10:01:30Z previous=/etc/sesame/door.rsc" },
        { "serve-pending", "sesame event=apply-pending what=serve path=/etc/sesame/door.rsc confirm-within=3s deadline=2026-12-06T10:01:30Z table-before=none" },
        { "config-error", "sesame event=config-error action=reload message=\"/etc/sesame/door.rsc:3:7: error SES0101: unknown chain 'x'\"" },
        { "list-dropped", "sesame event=list-dropped list=extra family=ipv6 entries=4096+" },
        { "set-migrated", "sesame event=set-migrated set=v4_granted message=\"its definition changed: re-created in the same transaction, with the entries it held\"" },
        { "lockout-warning", "sesame event=lockout-warning session=\"203.0.113.7 50022 192.0.2.1 22\" code=SES0551 message=\"rule 3 drops tcp/22\"" },
        { "change-failed", "sesame event=error stage=apply message=\"Object reference not set\"" },
        { "verify", "sesame event=error stage=verify difference=\"rule 2: counter missing\"" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void ConfigEvents_LineAsBefore(string which, string expected)
    {
        var writer = new StringWriter();

        Write(new DaemonEventLog(writer), which);

        Assert.Equal(expected + Environment.NewLine, writer.ToString());
    }

    [Theory]
    [InlineData("reload-applied", "reload.applied", LogLevel.Information)]
    [InlineData("confirm-applied", "confirm.applied", LogLevel.Information)]
    [InlineData("rollback-applied", "rollback.applied", LogLevel.Warning)]
    [InlineData("reload-refused", "reload.refused", LogLevel.Warning)]
    [InlineData("apply-kernel", "apply.refused-kernel", LogLevel.Warning)]
    [InlineData("nothing-pending", "confirm.refused-nothing-pending", LogLevel.Warning)]
    [InlineData("confirmed", "confirm.kept", LogLevel.Information)]
    [InlineData("rollback-failed", "rollback.failed", LogLevel.Warning)]
    [InlineData("serve-rolled-back", "rollback.applied-serve", LogLevel.Warning)]
    [InlineData("restart", "rollback.restart", LogLevel.Warning)]
    [InlineData("apply-pending", "apply-pending", LogLevel.Information)]
    [InlineData("serve-pending", "apply-pending.serve", LogLevel.Information)]
    [InlineData("config-error", "config-error", LogLevel.Error)]
    [InlineData("list-dropped", "list-dropped", LogLevel.Warning)]
    [InlineData("set-migrated", "set-migrated", LogLevel.Information)]
    [InlineData("lockout-warning", "lockout-warning", LogLevel.Warning)]
    [InlineData("change-failed", "error.change", LogLevel.Error)]
    public void ConfigEvents_NameAndLevel(string which, string eventName, LogLevel level)
    {
        var logger = new RecordingLogger();

        Write(new DaemonEventLog(logger), which);

        (LogLevel actual, EventId id, _) = Assert.Single(logger.Events);
        Assert.Equal((eventName, level), (id.Name, actual));
    }

    [Fact]
    public void ChangeApplied_Control_TypedValuesForAStructuredConsumer()
    {
        var logger = new RecordingLogger();

        Write(new DaemonEventLog(logger), "reload-applied");

        IReadOnlyList<KeyValuePair<string, object?>> values = Assert.Single(logger.Events).Values;
        Assert.Contains(new KeyValuePair<string, object?>("via", "control"), values);
        Assert.Contains(new KeyValuePair<string, object?>("uid", 0u), values);
        Assert.Contains(new KeyValuePair<string, object?>("pid", 4242), values);
        Assert.Contains(new KeyValuePair<string, object?>("rules", 12), values);
    }

    [Theory]
    [InlineData("restart")]
    [InlineData("")]
    public void ChangeEvents_NotAChange_Throws(string action)
    {
        var log = new DaemonEventLog(new StringWriter());

        Assert.Throws<ArgumentOutOfRangeException>(() => log.ChangeApplied(action, Control, "-", 0, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.ChangeRefused(action, Control, "-", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.ChangeRefusedByKernel(action, Control, "-"));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.ChangeRefusedPending("confirm", Control, "-"));
    }

    [Fact]
    public void ChangeVia_ToString_TheFormTheLinesWrite()
    {
        Assert.Equal("control uid=0 pid=4242", Control.ToString());
        Assert.Equal("signal", new ChangeVia("signal").ToString());
    }

    private static void Write(DaemonEventLog log, string which)
    {
        switch (which)
        {
            case "reload-applied": log.ChangeApplied("reload", Control, "/etc/sesame/door.rsc", 12, 1, 0, 2, 30.6); break;
            case "apply-applied": log.ChangeApplied("apply", new ChangeVia("signal"), "/etc/sesame/door.rsc", 12, 1, 0, 2, 30.6); break;
            case "confirm-applied": log.ChangeApplied("confirm", Control, "/etc/sesame/door.rsc", 12, 1, 0, 2, 30.6); break;
            case "rollback-applied": log.ChangeApplied("rollback", new ChangeVia("timeout"), "/etc/sesame/door.rsc", 12, 1, 0, 2, 30.6); break;
            case "reload-refused": log.ChangeRefused("reload", new ChangeVia("signal"), "/tmp/a b\n\"x", 3); break;
            case "rollback-refused": log.ChangeRefused("rollback", new ChangeVia("stop"), "/etc/sesame/door.rsc", 1); break;
            case "apply-kernel": log.ChangeRefusedByKernel("apply", Control, "/etc/sesame/next.rsc"); break;
            case "confirm-kernel": log.ChangeRefusedByKernel("confirm", Control, "/etc/sesame/next.rsc"); break;
            case "reload-pending": log.ChangeRefusedPending("reload", new ChangeVia("signal"), "/etc/sesame/door.rsc"); break;
            case "apply-pending-refused": log.ChangeRefusedPending("apply", Control, "/etc/sesame/next.rsc"); break;
            case "nothing-pending": log.ConfirmNothingPending(Control); break;
            case "confirmed": log.Confirmed(Control, "/etc/sesame/next.rsc"); break;
            case "serve-confirmed": log.ServeConfirmed(Control, "/etc/sesame/door.rsc"); break;
            case "rollback-failed": log.RollbackFailed(TimeSpan.FromSeconds(5)); break;
            case "serve-rollback-failed": log.ServeRollbackFailed("timeout", "Error: Could not process rule"); break;
            case "serve-rolled-back": log.ServeRolledBack("timeout", "restored", 4); break;
            case "restart": log.RolledBackAtRestart("/var/lib/sesame/door.rsc.previous", "/etc/sesame/door.rsc", "/etc/sesame/next.rsc"); break;
            case "apply-pending": log.ApplyPending("/etc/sesame/next.rsc", TimeSpan.FromSeconds(60), Deadline, "/etc/sesame/door.rsc"); break;
            case "serve-pending": log.ServeApplyPending("/etc/sesame/door.rsc", TimeSpan.FromSeconds(3), Deadline, "none"); break;
            case "config-error": log.ConfigError("reload", "/etc/sesame/door.rsc:3:7: error SES0101: unknown chain 'x'"); break;
            case "list-dropped": log.ListDropped("extra", IpFamily.V6, "4096+"); break;
            case "set-migrated": log.SetMigrated("v4_granted"); break;
            case "lockout-warning": log.LockoutWarning("203.0.113.7 50022 192.0.2.1 22", "SES0551", "rule 3 drops tcp/22"); break;
            case "change-failed": log.ChangeFailed("apply", "Object reference not set"); break;
            case "verify": log.VerifyDifference("rule 2: counter missing"); break;
            default: throw new ArgumentOutOfRangeException(nameof(which), which, null);
        }
    }
}
