namespace Sesame.Cli.Demo;

/// <summary>How to run this same <c>sesame</c> program again in a child process (apphost, native, or <c>dotnet sesame.dll</c>).</summary>
internal static class SelfCommand
{
    public static string[] Prefix()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) != "dotnet")
        {
            return [process];
        }

        // Started as `dotnet sesame.dll`: the same assembly, found from the application's directory (not
        // Assembly.Location, which a single-file or native build leaves empty).
        string assembly = Path.Combine(AppContext.BaseDirectory, typeof(SelfCommand).Assembly.GetName().Name + ".dll");
        return [process, assembly];
    }
}
