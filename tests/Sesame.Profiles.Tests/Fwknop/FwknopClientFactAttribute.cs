namespace Sesame.Tests.Fwknop;

/// <summary>A test that runs the stock fwknop client (Debian fwknop-client 2.6.10); skipped, with the reason, when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FwknopClientFactAttribute : FactAttribute
{
    public static string? Client { get; } = new[] { "/usr/bin/fwknop", "/usr/sbin/fwknop", "/usr/local/bin/fwknop" }.FirstOrDefault(File.Exists);

    public FwknopClientFactAttribute()
    {
        if (Client is null)
        {
            Skip = "fwknop is not installed: apt-get install -y fwknop-client";
        }
    }
}
