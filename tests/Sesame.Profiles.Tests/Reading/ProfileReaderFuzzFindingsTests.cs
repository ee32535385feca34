using Sesame.Diagnostics;
using Sesame.Profiles;

namespace Sesame.Tests.Reading;

/// <summary>
/// Inputs fuzz/ found (harness "profile") on which YamlDotNet 16.3.0 throws something other than a YamlException.
/// Each is a syntax error at a place in the file, not a crash.
/// </summary>
public sealed class ProfileReaderFuzzFindingsTests
{
    [Theory]
    [InlineData("...\0\u0010")] // InvalidOperationException: the scanner should contain no more tokens
    [InlineData(" : !m")] // ArgumentException from the node builder: an event of an unsupported type
    [InlineData("%TAG ! ")] // ArgumentNullException: tag prefix must not be empty
    [InlineData("!!shrM1e+08L 7F ")] // ArgumentException: global tags must be valid URIs
    [InlineData("d:\n{{{{{{{{\0-\n\n-}")] // InvalidOperationException in ScanPlainScalar
    public void Read_YamlDotNetThrowsOtherThanYamlException_OneSyntaxErrorInsideTheText(string text)
    {
        ProfileResult result = ProfileReader.Read(text, "f.yaml");

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal("SES0601", error.Code);
        string[] lines = text.Split('\n');
        Assert.InRange(error.Location.Line, 1, lines.Length);
        Assert.InRange(error.Location.Column, 1, lines[error.Location.Line - 1].Length + 1);
    }
}
