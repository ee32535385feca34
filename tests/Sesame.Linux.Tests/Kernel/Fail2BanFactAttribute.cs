namespace Sesame.Tests.Kernel;

/// <summary>A <see cref="RootFactAttribute"/> that also needs Debian's <c>fail2ban-regex</c> (<see cref="Fail2BanRegex"/>); skipped otherwise.</summary>
public sealed class Fail2BanFactAttribute : FactAttribute
{
    public Fail2BanFactAttribute()
    {
        Skip = RootFactAttribute.MissingPrerequisite() ?? Fail2BanRegex.MissingReason;
    }
}
