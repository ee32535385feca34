namespace Sesame.Tests.Package;

/// <summary>
/// The package tests install a package on this machine: root, dpkg and dpkg-deb, and bash for the build script. Without
/// them the test reports itself skipped, with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class DebianPackageFactAttribute : FactAttribute
{
    public DebianPackageFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root on Linux (installs and purges the package with dpkg)";
        }
        else if (HostCommand.Find("dpkg-deb") is null || HostCommand.Find("dpkg") is null || HostCommand.Find("bash") is null)
        {
            Skip = "needs dpkg, dpkg-deb and bash (a Debian system)";
        }
    }
}
