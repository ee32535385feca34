using Sesame.Diagnostics;
using Sesame.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

/// <summary>Reads a door profile (YAML) with every error at its line and column, and compiles it to the rule model.</summary>
public static class ProfileReader
{
    private static readonly string[] TopLevelKeys = ["interfaces", "router", "doors", "blacklist", "fleet"];

    /// <summary>The longest profile, in characters: a profile of a hundred doors is a few tens of kilobytes.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>
    /// Reads a profile; the key files of its SPA doors are read too, relative paths from the directory of
    /// <paramref name="fileName"/> (the current directory for standard input, <c>-</c>).
    /// </summary>
    public static ProfileResult Read(string text, string fileName) => Read(text, fileName, KeyDirectoryOf(fileName));

    /// <summary>Reads a profile whose relative key file paths are relative to <paramref name="keyDirectory"/>.</summary>
    public static ProfileResult Read(string text, string fileName, string keyDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(keyDirectory);
        var bag = new DiagnosticBag();
        DoorProfile profile = new();
        YamlNode? root = Load(text, fileName, bag);
        if (root is not null)
        {
            profile = new ProfileParser(fileName, bag) { KeyDirectory = keyDirectory }.Parse(root);
        }

        FirewallConfig config = bag.HasErrors ? FirewallConfig.Empty : ProfileCompiler.Compile(profile);
        if (profile.Fleet is { } fleet && !bag.HasErrors)
        {
            ProfileParser.CheckFleetLists(fleet, config, bag);
            config = bag.HasErrors ? FirewallConfig.Empty : config;
        }

        return new ProfileResult(profile, config, bag.Sorted());
    }

    /// <summary>The directory a profile's relative key file paths start from: the profile's own.</summary>
    public static string KeyDirectoryOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (fileName is "" or "-")
        {
            return Directory.GetCurrentDirectory();
        }

        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory();
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Directory.GetCurrentDirectory();
        }
    }

    /// <summary>True when the text's first meaningful line is one of a profile's top-level keys (used when the file name does not say).</summary>
    public static bool LooksLikeProfile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line == "---")
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && TopLevelKeys.Contains(line[..colon].Trim());
        }

        return false;
    }

    private static YamlNode? Load(string text, string fileName, DiagnosticBag bag)
    {
        if (text.Length > MaxLength)
        {
            bag.Error(Locate(text, MaxLength, fileName), ProfileCodes.Syntax, $"the profile is {text.Length} characters long; a profile has at most {MaxLength}");
            return null;
        }

        var stream = new YamlStream();
        var parser = new BoundedYamlParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet 16.3.0's node builder throws this for an event sequence it does not expect (found by fuzz/).
            Mark at = parser.Current?.Start ?? parser.LastEnd;
            bag.Error(Within(text, fileName, at), ProfileCodes.Syntax,
                $"not valid YAML: malformed here ({ex.Message.Split(" (Parameter", 2)[0]})");
            return null;
        }
        catch (YamlException ex)
        {
            // YamlDotNet stops at the first syntax error; nothing after it can be trusted.
            string message = ex.InnerException is { } inner ? $"{ex.Message.Split(':')[0]}: {inner.Message}" : ex.Message;
            bag.Error(Within(text, fileName, ex.Start), ProfileCodes.Syntax, $"not valid YAML: {Clean(message)}");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            bag.Error(new SourceLocation(fileName, 1, 1), ProfileCodes.Missing, "the profile is empty; it needs at least a 'doors:' list");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>The mark as a location, moved back to the end of the text when YamlDotNet puts it on the line after.</summary>
    private static SourceLocation Within(string text, string fileName, Mark mark)
    {
        string[] lines = text.Split('\n');
        int line = (int)Math.Clamp(mark.Line, 1, lines.Length);
        int column = line < mark.Line ? lines[line - 1].Length + 1 : (int)Math.Clamp(mark.Column, 1, lines[line - 1].Length + 1);
        return new SourceLocation(fileName, line, column);
    }

    private static SourceLocation Locate(string text, int index, string fileName)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourceLocation(fileName, line, index - lineStart + 1);
    }

    private static string Clean(string message)
    {
        int close = message.IndexOf("): ", StringComparison.Ordinal);
        return close >= 0 && message.StartsWith('(') ? message[(close + 3)..] : message;
    }
}
