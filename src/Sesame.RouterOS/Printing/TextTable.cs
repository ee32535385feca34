using System.Text;

namespace Sesame.RouterOS.Printing;

/// <summary>Pads cells into columns separated by two spaces; numbers are right-aligned. Lines carry no trailing blanks.</summary>
internal sealed class TextTable
{
    private readonly bool[] _rightAligned;
    private readonly int[] _widths;

    public TextTable(IReadOnlyList<string> headers, bool[] rightAligned)
    {
        _rightAligned = rightAligned;
        _widths = new int[headers.Count];
        Measure(headers);
    }

    public void Measure(IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            _widths[i] = Math.Max(_widths[i], cells[i].Length);
        }
    }

    public void AppendRow(StringBuilder output, IReadOnlyList<string> cells)
    {
        int start = output.Length;
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                output.Append("  ");
            }

            output.Append(_rightAligned[i] ? cells[i].PadLeft(_widths[i]) : cells[i].PadRight(_widths[i]));
        }

        int end = output.Length;
        while (end > start && output[end - 1] == ' ')
        {
            end--;
        }

        output.Length = end;
        output.Append('\n');
    }
}
