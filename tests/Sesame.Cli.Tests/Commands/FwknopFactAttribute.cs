namespace Sesame.Tests.Commands;

/// <summary>A test that runs the stock fwknop client (Debian fwknop-client); skipped, with the reason, when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FwknopFactAttribute : FactAttribute
{
    public FwknopFactAttribute()
    {
        if (Path is null)
        {
            Skip = "missing fwknop (Debian package fwknop-client): apt-get install -y fwknop-client";
        }
    }

    public static string? Path { get; } = new[] { "/usr/bin/fwknop", "/usr/local/bin/fwknop" }.FirstOrDefault(File.Exists);
}
