namespace Sesame.Tests.Kernel;

/// <summary>A <see cref="RootFactAttribute"/> that also needs the Debian <c>fwknop</c> client (the stock SPA peer); skipped otherwise.</summary>
public sealed class FwknopFactAttribute : FactAttribute
{
    public FwknopFactAttribute()
    {
        Skip = RootFactAttribute.MissingPrerequisite() ?? (File.Exists("/usr/bin/fwknop") ? null : "needs the fwknop client (apt-get install fwknop-client)");
    }
}
