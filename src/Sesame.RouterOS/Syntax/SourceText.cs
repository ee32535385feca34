using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

/// <summary>A script's text with its physical line starts (LF, CR LF or CR end a line), for 1-based locations.</summary>
internal sealed class SourceText
{
    private readonly List<int> _lineStarts = [0];

    public SourceText(string text, string fileName)
    {
        Text = text;
        FileName = fileName;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public string Text { get; }

    public string FileName { get; }

    public SourceLocation Locate(int index)
    {
        int line = _lineStarts.BinarySearch(index);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(FileName, line + 1, index - _lineStarts[line] + 1);
    }
}
