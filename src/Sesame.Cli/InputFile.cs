namespace Sesame.Cli;

/// <summary>Reads an input file, or standard input for <c>-</c>, turning I/O failures into one clear line.</summary>
internal static class InputFile
{
    public static bool TryReadAll(string path, CliContext context, out string text)
    {
        text = "";
        if (path != "-" && Directory.Exists(path))
        {
            context.Error.WriteLine($"sesame: cannot read '{path}': it is a directory");
            return false;
        }

        try
        {
            text = path == "-" ? context.In.ReadToEnd() : File.ReadAllText(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            context.Error.WriteLine($"sesame: cannot read '{path}': {reason}");
            return false;
        }
    }
}
