namespace Sesame.Cli;

/// <summary>Reads an input file, or standard input for <c>-</c>, turning I/O failures into one clear line.</summary>
internal static class InputFile
{
    /// <summary>
    /// The most characters read from one input: above every parser's own bound (a RouterOS script, 16 Mi characters),
    /// so that the parser names the place, yet small enough that <c>/dev/zero</c> or a huge file cannot exhaust memory.
    /// </summary>
    public const int MaxChars = 64 << 20;

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
            if (path == "-")
            {
                return TryReadBounded(context.In, path, context, out text);
            }

            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return TryReadBounded(reader, path, context, out text);
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

    private static bool TryReadBounded(TextReader reader, string path, CliContext context, out string text)
    {
        var buffer = new char[Math.Min(MaxChars + 1, 1 << 16)];
        var all = new System.Text.StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Append(buffer, 0, read);
            if (all.Length > MaxChars)
            {
                context.Error.WriteLine($"sesame: cannot read '{path}': it is longer than {MaxChars} characters");
                text = "";
                return false;
            }
        }

        text = all.ToString();
        return true;
    }
}
