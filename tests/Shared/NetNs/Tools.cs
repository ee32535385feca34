namespace Sesame.Tests.Support;

/// <summary>The programs the namespace tests run, found on PATH or in the sbin folders root's PATH usually has.</summary>
internal static class Tools
{
    public static string? Find(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        IEnumerable<string> dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        foreach (string dir in dirs)
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string Require(string name) => Find(name) ?? throw new InvalidOperationException($"{name} is not installed");

    /// <summary>The dotnet host running the tests, to run the built <c>sesame.dll</c> with.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : Require("dotnet");

    /// <summary>The built sesame program, copied next to the tests by the project reference.</summary>
    public static string SesameDll => Path.Combine(AppContext.BaseDirectory, "sesame.dll");
}
