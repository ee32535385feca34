using System.Text;
using Sesame.Text;

namespace Sesame.Cli.Output;

/// <summary>
/// Writes to a terminal with what a terminal would act on escaped (<see cref="TerminalText"/>), newlines and tabs
/// excepted: whatever a command prints — a name from a configuration or from the kernel, a message of nft that quotes
/// a ruleset line — cannot clear the screen, move the cursor or retitle the window. Standard error always goes through
/// it; standard output only when it is a terminal, so that <c>export</c> and <c>--json</c> into a file or a pipe keep
/// their exact bytes. The names that carry a newline are escaped where they are formatted.
/// </summary>
internal sealed class TerminalWriter : TextWriter
{
    private readonly TextWriter _inner;
    private char _pendingHigh;

    public TerminalWriter(TextWriter inner)
    {
        _inner = inner;
    }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        var sb = new StringBuilder(2);
        Append(sb, value);
        if (sb.Length > 0)
        {
            _inner.Write(sb.ToString());
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            Append(sb, c);
        }

        _inner.Write(sb.ToString());
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    public override void Flush()
    {
        if (_pendingHigh != '\0')
        {
            var sb = new StringBuilder();
            TerminalText.AppendEscaped(sb, _pendingHigh, keepLineBreaks: true);
            _pendingHigh = '\0';
            _inner.Write(sb.ToString());
        }

        _inner.Flush();
    }

    /// <summary>A surrogate pair may arrive in two calls: the high half waits for the low one.</summary>
    private void Append(StringBuilder sb, char c)
    {
        if (_pendingHigh != '\0')
        {
            char high = _pendingHigh;
            _pendingHigh = '\0';
            if (char.IsLowSurrogate(c))
            {
                sb.Append(high).Append(c);
                return;
            }

            TerminalText.AppendEscaped(sb, high, keepLineBreaks: true);
        }

        if (char.IsHighSurrogate(c))
        {
            _pendingHigh = c;
            return;
        }

        TerminalText.AppendEscaped(sb, c, keepLineBreaks: true);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
