namespace Sesame.Tests.Package;

/// <summary>As <see cref="DebianPackageFactAttribute"/>, and lintian (<c>apt-get install -y lintian</c>; CI installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LintianFactAttribute : DebianPackageFactAttribute
{
    public LintianFactAttribute()
    {
        if (Skip is null && HostCommand.Find("lintian") is null)
        {
            Skip = "needs lintian (apt-get install -y lintian)";
        }
    }
}
