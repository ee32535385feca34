using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Safe apply against a real <c>sesame serve</c> in network namespaces: <c>sesame apply CONFIG --confirm 3s</c> puts the
/// new rules in, and unless <c>sesame confirm</c> runs in time the daemon itself puts the previous ones back, keeping the
/// lists — also when the client that asked is gone.
/// </summary>
public sealed class ServeApplyTests
{
    [RootFact]
    public void Apply_Unconfirmed_PreviousRulesComeBackByThemselves_AndTheListsKeepTheirEntries()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var next = new TempConfig(ServeReloadTests.After);
        using Socket ssh = ns.Listen(22);
        using var state = new TempDirectory();
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);
        ServeReloadTests.Knock(ns, ns.ClientV4, 7001, 7002, 7009);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4) && Kernel.InList(ns, "extra", ns.ClientV4)));
        string before = Table(ns);

        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "apply", next.Path, "--confirm", "3s", "--control", daemon.ControlPath!);

        Assert.True(exit == 0, stderr + daemon.Output);
        Assert.Contains("run 'sesame confirm' within 3s", stdout, StringComparison.Ordinal);
        Assert.NotEqual(before, Table(ns));
        Assert.Contains("chain v4_side", NftShell.Structure(ns.Server), StringComparison.Ordinal);
        Assert.True(Kernel.InList(ns, "extra", ns.ClientV4)); // kept while the apply waits: a rollback needs it
        Assert.True(daemon.WaitForOutput($"sesame event=apply-pending path={next.Path} confirm-within=3s"), daemon.Output);
        Assert.True(Kernel.WaitFor(() => daemon.Output.Contains("sesame event=rollback result=applied via=timeout", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), daemon.Output);
        Assert.Equal(before, Table(ns));
        Assert.True(Kernel.InList(ns, "granted", ns.ClientV4));
        Assert.True(Kernel.InList(ns, "extra", ns.ClientV4));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));
        Assert.DoesNotContain("event=list-dropped list=extra", daemon.Output, StringComparison.Ordinal);
        Assert.False(daemon.HasExited);
    }

    [RootFact]
    public void Apply_Confirmed_Stays_AndTheListItDroppedGoesAtTheConfirmation()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var next = new TempConfig(ServeReloadTests.After);
        using Socket ssh = ns.Listen(22);
        using var state = new TempDirectory();
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);
        ServeReloadTests.Knock(ns, ns.ClientV4, 7001, 7002, 7009);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4) && Kernel.InList(ns, "extra", ns.ClientV4)));

        (int exit, _, string stderr) = SesameProcess.Run(ns.Server, "apply", next.Path, "--confirm", "3s", "--control", daemon.ControlPath!);
        Assert.True(exit == 0, stderr);
        string applied = Table(ns, withoutElements: true, leaveOutSet: "v4_extra");
        (int confirmed, string confirmOut, string confirmError) = SesameProcess.Run(ns.Server, "confirm", "--control", daemon.ControlPath!);
        Thread.Sleep(4000);

        Assert.True(confirmed == 0, confirmError);
        Assert.Contains("stays; no rollback", confirmOut, StringComparison.Ordinal);
        Assert.Contains("list extra (ip) is no longer in the configuration: dropped with 1 entries", confirmOut, StringComparison.Ordinal);
        Assert.DoesNotContain("event=rollback", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("sesame event=confirm result=kept", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("sesame event=list-dropped list=extra family=ip entries=1", daemon.Output, StringComparison.Ordinal);
        Assert.Equal(applied, Table(ns, withoutElements: true, leaveOutSet: "v4_extra"));
        Assert.False(Kernel.InList(ns, "extra", ns.ClientV4));
        Assert.True(Kernel.InList(ns, "granted", ns.ClientV4));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));

        (int again, _, string againError) = SesameProcess.Run(ns.Server, "confirm", "--control", daemon.ControlPath!);
        Assert.Equal(1, again);
        Assert.Contains("no apply is waiting for a confirmation", againError, StringComparison.Ordinal);
    }

    [RootFact]
    public void Apply_ClientKilledBeforeTheDeadline_TheDaemonStillRollsBack()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var next = new TempConfig(ServeReloadTests.After);
        using var state = new TempDirectory();
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);
        string before = Table(ns);

        using (SesameProcess client = SesameProcess.Launch(ns.Server, "apply", next.Path, "--confirm", "3s", "--control", daemon.ControlPath!))
        {
            Assert.True(daemon.WaitForOutput("sesame event=apply-pending"), daemon.Output);
            client.Signal(9);
            Assert.True(client.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        Assert.NotEqual(before, Table(ns));
        Assert.True(Kernel.WaitFor(() => daemon.Output.Contains("sesame event=rollback result=applied via=timeout", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), daemon.Output);
        Assert.Equal(before, Table(ns));
    }

    [RootFact]
    public void Apply_WhileOneIsPending_AnotherApplyAndAReloadAreRefused_AndABrokenOneChangesNothing()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var next = new TempConfig(ServeReloadTests.After);
        using var broken = new TempConfig("/ip firewall filter\nadd chain=input action=explode\n");
        using var state = new TempDirectory();
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);
        string before = Table(ns);

        (int refusedBroken, _, string brokenError) = SesameProcess.Run(ns.Server, "apply", broken.Path, "--confirm", "30s", "--control", daemon.ControlPath!);
        Assert.Equal(1, refusedBroken);
        Assert.Contains($"{broken.Path}:2:", brokenError, StringComparison.Ordinal);
        Assert.Equal(before, Table(ns));

        (int first, _, string firstError) = SesameProcess.Run(ns.Server, "apply", next.Path, "--confirm", "30s", "--control", daemon.ControlPath!);
        Assert.True(first == 0, firstError);
        string applied = Table(ns);
        (int second, _, string secondError) = SesameProcess.Run(ns.Server, "apply", config.Path, "--confirm", "30s", "--control", daemon.ControlPath!);
        (int reload, _, string reloadError) = SesameProcess.Run(ns.Server, "reload", "--control", daemon.ControlPath!);

        Assert.Equal(1, second);
        Assert.Contains($"an apply of {next.Path} is waiting for 'sesame confirm' (", secondError, StringComparison.Ordinal);
        Assert.Equal(1, reload);
        Assert.Contains("is waiting for 'sesame confirm'", reloadError, StringComparison.Ordinal);
        Assert.Equal(applied, Table(ns));
        Assert.Contains("sesame event=reload result=refused via=control", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("reason=apply-pending", daemon.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Apply_ConfigThatDropsTheSessionsSource_RefusedByTheLockoutCheck_NamingTheRule_AndNothingChanges()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var cutting = new TempConfig("""
            /ip firewall filter
            add chain=input protocol=udp dst-port=7001 action=add-src-to-address-list address-list=stage1 address-list-timeout=5m
            add chain=input protocol=tcp dst-port=22 action=drop comment=ssh-closed
            """);
        using var state = new TempDirectory();
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);
        ServeReloadTests.Knock(ns, ns.ClientV4, 7001, 7002);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4)));
        string before = Table(ns);
        var session = new Dictionary<string, string> { ["SSH_CONNECTION"] = $"{ns.ClientV4} 50022 {ns.ServerV4} 22" };

        (int exit, _, string stderr) = SesameProcess.RunWith(ns.Server, session, "apply", cutting.Path, "--confirm", "60s", "--control", daemon.ControlPath!);
        (int withoutSsh, _, string withoutSshError) = SesameProcess.RunWith(ns.Server, new Dictionary<string, string> { ["SSH_CONNECTION"] = "" }, "apply", config.Path, "--control", daemon.ControlPath!);
        (int kept, _, string keptError) = SesameProcess.RunWith(ns.Server, session, "apply", config.Path, "--control", daemon.ControlPath!);

        Assert.Equal(1, exit);
        Assert.Contains("error SES0550", stderr, StringComparison.Ordinal);
        Assert.Contains("ssh-closed", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", stderr, StringComparison.Ordinal);
        Assert.Equal(before, Table(ns));
        Assert.Contains("sesame event=apply result=refused via=control", daemon.Output, StringComparison.Ordinal);
        Assert.Matches("sesame event=config-error action=apply message=\"[^\n]*error SES0550", daemon.Output);
        Assert.DoesNotContain("event=apply-pending", daemon.Output, StringComparison.Ordinal);
        Assert.True(withoutSsh == 0, withoutSshError); // not over SSH: nothing to check
        Assert.True(kept == 0, keptError);
    }

    [RootFact]
    public void Apply_DaemonKilledInTheWindow_FileEditedInPlace_TheNextStartServesThePreviousConfiguration()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var state = new TempDirectory();
        string before;
        using (SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path))
        {
            ServeReloadTests.Knock(ns, ns.ClientV4, 7001, 7002);
            Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4)));
            before = Table(ns, withoutElements: true);
            File.WriteAllText(config.Path, ServeReloadTests.After); // edited in place, then applied: the file holds the unconfirmed rules
            (int exit, _, string stderr) = SesameProcess.Run(ns.Server, "apply", "--confirm", "60s", "--control", daemon.ControlPath!);
            Assert.True(exit == 0, stderr);
            Assert.Single(Directory.GetFiles(state.Path, "apply-pending-*.json"));
            daemon.Signal(9);
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        Assert.NotEqual(before, Table(ns, withoutElements: true)); // the kernel keeps what the killed daemon left

        using SesameProcess restarted = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);

        Assert.Equal(before, Table(ns, withoutElements: true));
        Assert.Contains("was never confirmed", restarted.Error, StringComparison.Ordinal);
        Assert.Contains($"sesame event=rollback result=applied via=restart", restarted.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(state.Path, "apply-*"));
        Assert.True(Kernel.InList(ns, "granted", ns.ClientV4));
        Assert.Equal(ServeReloadTests.After, File.ReadAllText(config.Path)); // the file is the admin's: left as it is
    }

    [RootFact]
    public void Apply_WithoutConfirm_IsAReloadFromThatFile_ListsDroppedAtOnce_NothingWaits()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var next = new TempConfig(ServeReloadTests.After);
        using var state = new TempDirectory();
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path);
        ServeReloadTests.Knock(ns, ns.ClientV4, 7001, 7002, 7009);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4) && Kernel.InList(ns, "extra", ns.ClientV4)));

        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "apply", next.Path, "--control", daemon.ControlPath!);

        Assert.True(exit == 0, stderr);
        Assert.Contains("list extra (ip) is no longer in the configuration: dropped with 1 entries", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sesame confirm", stdout, StringComparison.Ordinal);
        Assert.Contains("chain v4_side", NftShell.Structure(ns.Server), StringComparison.Ordinal);
        Assert.True(Kernel.InList(ns, "granted", ns.ClientV4));
        Assert.Empty(Directory.GetFiles(state.Path));
        (int reload, _, string reloadError) = SesameProcess.Run(ns.Server, "reload", "--control", daemon.ControlPath!);
        Assert.True(reload == 0, reloadError); // nothing waits; the reload reads the daemon's own file again
        Assert.DoesNotContain("chain v4_side", NftShell.Structure(ns.Server), StringComparison.Ordinal);
        Assert.Contains($"sesame event=apply result=applied via=control uid=0", daemon.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Apply_UsageErrors_ExitTwo_AndNoDaemon_ExitOne()
    {
        using var ns = new NetNs();
        (int badTime, _, string badTimeError) = SesameProcess.Run(ns.Server, "apply", "/etc/sesame/x.rsc", "--confirm", "soon", "--control", "/tmp/none.sock");
        (int tooLong, _, string tooLongError) = SesameProcess.Run(ns.Server, "apply", "--confirm", "2d", "--control", "/tmp/none.sock");
        (int noDaemon, _, string noDaemonError) = SesameProcess.Run(ns.Server, "reload", "--control", $"/tmp/sesame-none-{Guid.NewGuid():N}.sock");

        Assert.Equal(2, badTime);
        Assert.Contains("sesame: --confirm 'soon' is not a time", badTimeError, StringComparison.Ordinal);
        Assert.Equal(2, tooLong);
        Assert.Contains("must be from 1s to 1d", tooLongError, StringComparison.Ordinal);
        Assert.Equal(1, noDaemon);
        Assert.Contains("no daemon answers on", noDaemonError, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>nft -j list table inet sesame</c> with what changes by itself taken out — handles (rules put back get new ones),
    /// counter values and the time elements have left — so two listings compare the rules, sets, lists and timeouts.
    /// </summary>
    internal static string Table(NetNs ns, bool withoutElements = false, string? leaveOutSet = null)
    {
        JsonNode listing = JsonNode.Parse(NftShell.Must(ns.Server, withoutElements ? ["-j", "-t", "list", "table", "inet", "sesame"] : ["-j", "list", "table", "inet", "sesame"]))!;
        if (listing["nftables"] is JsonArray items && leaveOutSet is not null)
        {
            foreach (JsonNode? set in items.Where(i => i?["set"]?["name"]?.GetValue<string>() == leaveOutSet).ToList())
            {
                items.Remove(set);
            }
        }

        Strip(listing);
        return listing.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (string key in (ReadOnlySpan<string>)["handle", "expires", "packets", "bytes", "metainfo"])
                {
                    o.Remove(key);
                }

                foreach (KeyValuePair<string, JsonNode?> child in o.ToList())
                {
                    Strip(child.Value);
                }

                break;
            case JsonArray a:
                foreach (JsonNode? child in a)
                {
                    Strip(child);
                }

                break;
        }
    }
}
