namespace Sesame.Tests.Spa;

/// <summary>
/// A test that runs the Debian fwknop tools (2.6.10) as the reference peer: skipped, with the reason, when they are
/// missing (<c>apt-get install fwknop-client fwknop-server</c>) or, for fwknopd, when not root (it runs in its own
/// network namespace through <c>unshare -n</c>, so that even a mistake could not touch the host's firewall).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FwknopFactAttribute : FactAttribute
{
    public FwknopFactAttribute(bool server = false)
    {
        if (Fwknop.Client is null)
        {
            Skip = "fwknop is not installed: apt-get install -y fwknop-client";
        }
        else if (server && Fwknop.Server is null)
        {
            Skip = "fwknopd or unshare is not installed: apt-get install -y fwknop-server util-linux";
        }
        else if (server && Environment.UserName != "root")
        {
            Skip = "fwknopd runs in a fresh network namespace (unshare -n), which needs root";
        }
    }
}
