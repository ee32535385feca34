using System.Text;
using Sesame.Diagnostics;
using Sesame.RouterOS;

namespace Sesame.Tests;

/// <summary>
/// Robustness: thousands of damaged copies of the seed fixtures (characters deleted or doubled, quotes, backslashes,
/// brackets and newlines thrown in, text cut short), made with a fixed random seed so a failure can be replayed.
/// Parse must never throw and every diagnostic must point at a real place in the text it was given.
/// </summary>
public sealed class RouterOsScriptFuzzTests
{
    private const int MutantsPerFixture = 400;

    /// <summary>Characters with a meaning to the lexer or parser, line ends of every kind, and halves of a surrogate pair.</summary>
    private static readonly char[] Noise =
        ['"', '\\', '[', ']', '(', ')', '{', '}', '$', '!', '=', ';', '#', '~', '\n', '\r', '\t', ' ', '/', ',', '-', '*', '<', '>', '\uD83D', '\uDE00', '\u00E9'];

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(SeedFixtures.Directory, "*.rsc").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_MutatedSeed_NeverThrowsAndLocatesEveryDiagnosticInTheText(string fixture)
    {
        string original = SeedFixtures.Read(fixture);
        var random = new Random(fixture.Length * 7919 + fixture[0]);

        for (int i = 0; i < MutantsPerFixture; i++)
        {
            string text = Mutate(original, random);
            foreach (bool strict in (bool[])[false, true])
            {
                ScriptResult result;
                try
                {
                    result = RouterOsScript.Parse(text, fixture, new ScriptOptions { Strict = strict });
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"mutant {i} of {fixture} (strict={strict}) threw {e}\n--- text ---\n{text}");
                    throw;
                }

                AssertLocatedInText(text, result.Diagnostics, $"mutant {i} of {fixture}");
            }
        }
    }

    [Fact]
    public void Mutate_FixedSeed_SameMutants()
    {
        string original = SeedFixtures.Read("000-manual-old-en.rsc");

        Assert.Equal(Mutate(original, new Random(1)), Mutate(original, new Random(1)));
        Assert.NotEqual(original, Mutate(original, new Random(1)));
    }

    private static void AssertLocatedInText(string text, IReadOnlyList<Diagnostic> diagnostics, string what)
    {
        // Physical lines as the lexer counts them (LF, CR LF or CR); a diagnostic may point just past a line's end.
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        foreach (Diagnostic d in diagnostics)
        {
            Assert.True(d.Location.Line >= 1 && d.Location.Line <= lines.Length, $"{what}: line out of the text in {d}");
            Assert.True(d.Location.Column >= 1 && d.Location.Column <= lines[d.Location.Line - 1].Length + 1,
                $"{what}: column out of line {d.Location.Line} in {d}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        int edits = random.Next(1, 9);
        for (int e = 0; e < edits && sb.Length > 0; e++)
        {
            int at = random.Next(sb.Length);
            switch (random.Next(7))
            {
                case 0:
                    sb.Remove(at, Math.Min(random.Next(1, 6), sb.Length - at));
                    break;
                case 1:
                    int length = Math.Min(random.Next(1, 12), sb.Length - at);
                    sb.Insert(at, sb.ToString(at, length));
                    break;
                case 2 or 3:
                    sb.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 4:
                    sb[at] = Noise[random.Next(Noise.Length)];
                    break;
                case 5:
                    // A line continuation in a random place, with the indentation exports put after it.
                    sb.Insert(at, random.Next(2) == 0 ? "\\\n    " : "\\\r\n");
                    break;
                default:
                    sb.Length = at;
                    break;
            }
        }

        return sb.ToString();
    }
}
