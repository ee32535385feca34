using Sesame.Linux.Control;
namespace Sesame.Tests.Kernel;

/// <summary>
/// The control socket's default path is one per network namespace: a socket path is a file every namespace sees, so a
/// fixed path would let one daemon keep every other namespace's <c>serve</c> from starting.
/// </summary>
public sealed class ControlPathTests
{
    [RootFact]
    public void DefaultPath_ThisNamespace_NamesItsInode()
    {
        string inode = new FileInfo("/proc/self/ns/net").LinkTarget!.Split('[', ']')[1];

        Assert.Equal($"/run/sesame/control-net{inode}.sock", ControlProtocol.DefaultPath);
    }

    [RootFact]
    public void DefaultPath_TwoOtherNamespaces_DifferFromEachOtherAndFromTheHost()
    {
        using var first = new NetNs();
        using var second = new NetNs();
        string inFirst = first.InServer(() => ControlProtocol.DefaultPath);
        string inSecond = second.InServer(() => ControlProtocol.DefaultPath);
        string again = first.InServer(() => ControlProtocol.DefaultPath);

        Assert.Matches(@"^/run/sesame/control-net[0-9]+\.sock$", inFirst);
        Assert.NotEqual(inFirst, inSecond);
        Assert.NotEqual(ControlProtocol.DefaultPath, inSecond);
        Assert.Equal(inFirst, again);
        Assert.Equal(inFirst, ControlProtocol.CheckPath(inFirst));
    }
}
