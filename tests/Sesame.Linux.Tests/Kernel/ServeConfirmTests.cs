namespace Sesame.Tests.Kernel;

/// <summary>
/// <c>serve CONFIG --confirm</c> in network namespaces: unconfirmed, the daemon puts the table back as it was before its
/// start (or removes it when there was none) and exits 4; confirmed, it serves on.
/// </summary>
public sealed class ServeConfirmTests
{
    [RootFact]
    public void Serve_ConfirmNotGiven_TheTableBeforeComesBackWithItsLists_AndTheDaemonExitsFour()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var next = new TempConfig(ServeReloadTests.After);
        using var state = new TempDirectory();
        using (SesameProcess first = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path))
        {
            ServeReloadTests.Knock(ns, ns.ClientV4, 7001, 7002, 7009);
            Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4) && Kernel.InList(ns, "extra", ns.ClientV4)));
            first.Signal(15);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, first.ExitCode);
        }

        string before = ServeApplyTests.Table(ns);
        using SesameProcess trial = SesameProcess.StartServe(ns, next.Path, "--state-dir", state.Path, "--confirm", "2s");
        Assert.NotEqual(before, ServeApplyTests.Table(ns));
        Assert.True(trial.WaitForOutput("what=serve"), trial.Output);

        Assert.True(trial.WaitForExit(TimeSpan.FromSeconds(15)), trial.Output);

        Assert.Equal(4, trial.ExitCode);
        Assert.Equal(before, ServeApplyTests.Table(ns));
        Assert.Contains("sesame event=rollback result=applied via=timeout what=serve table=restored exit=4", trial.Output, StringComparison.Ordinal);
        Assert.True(Kernel.InList(ns, "granted", ns.ClientV4));
        Assert.True(Kernel.InList(ns, "extra", ns.ClientV4));
    }

    [RootFact]
    public void Serve_ConfirmNotGivenAndNoTableBefore_TheTableIsRemoved_AndTheDaemonExitsFour()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var state = new TempDirectory();
        using SesameProcess trial = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path, "--confirm", "2s");
        Assert.NotNull(NftShell.Structure(ns.Server));

        Assert.True(trial.WaitForExit(TimeSpan.FromSeconds(15)), trial.Output);

        Assert.Equal(4, trial.ExitCode);
        Assert.Null(NftShell.Structure(ns.Server));
        Assert.Contains("table=removed exit=4", trial.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_Confirmed_ServesOn_AndAStopAfterwardsExitsZero()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(ServeReloadTests.Before);
        using var state = new TempDirectory();
        using SesameProcess trial = SesameProcess.StartServe(ns, config.Path, "--state-dir", state.Path, "--confirm", "2s");
        string served = ServeApplyTests.Table(ns, withoutElements: true);

        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "confirm", "--control", trial.ControlPath!);
        Thread.Sleep(3000);

        Assert.True(exit == 0, stderr);
        Assert.Contains("stays; no rollback", stdout, StringComparison.Ordinal);
        Assert.False(trial.HasExited, trial.Output);
        Assert.Equal(served, ServeApplyTests.Table(ns, withoutElements: true));
        Assert.DoesNotContain("event=rollback", trial.Output, StringComparison.Ordinal);
        trial.Signal(15);
        Assert.True(trial.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, trial.ExitCode);
    }
}
