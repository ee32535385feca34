namespace Sesame.Cli.Demo;

/// <summary>How to run this same <c>sesame</c> program again in a child process (apphost, or <c>dotnet sesame.dll</c>).</summary>
internal static class SelfCommand
{
    public static string[] Prefix()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string assembly = typeof(SelfCommand).Assembly.Location;
        bool viaDotnet = Path.GetFileNameWithoutExtension(process) == "dotnet";
        return viaDotnet ? [process, assembly] : [process];
    }
}
