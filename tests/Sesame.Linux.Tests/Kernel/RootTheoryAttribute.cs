namespace Sesame.Tests.Kernel;

/// <summary>A theory that needs root, <c>ip</c> and libnftables; skipped with the reason otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        Skip = RootFactAttribute.MissingPrerequisite();
    }
}
