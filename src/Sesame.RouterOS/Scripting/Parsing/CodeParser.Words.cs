namespace Sesame.RouterOS.Scripting.Parsing;

internal sealed partial class CodeParser
{
    /// <summary>
    /// A word inside <c>( )</c>: a number, time, address or prefix starting with a digit (<c>10</c>, <c>1h30m</c>,
    /// <c>00:30:00</c>, <c>10.0.0.0/8</c>; a <c>/</c> after a plain number divides), an id (<c>*1A</c>), or a name.
    /// </summary>
    private string ReadExpressionWord()
    {
        int start = _pos;
        if (Current == '*' && char.IsAsciiHexDigit(PeekAt(1)))
        {
            _pos++;
        }

        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' || (Current is '.' or ':' && IsAddressPart())))
        {
            _pos++;
        }

        string word = _text[start.._pos];
        bool address = word.Contains(':', StringComparison.Ordinal) || word.Count(c => c == '.') == 3;
        if (address && Current == '/' && char.IsAsciiDigit(PeekAt(1)))
        {
            _pos++;
            while (!AtEnd && char.IsAsciiDigit(Current))
            {
                _pos++;
            }
        }

        return _text[start.._pos];
    }

    /// <summary>A <c>.</c> or <c>:</c> between digits or hex is part of an address or time; elsewhere <c>.</c> concatenates.</summary>
    private bool IsAddressPart()
    {
        char before = _pos > 0 ? _text[_pos - 1] : '\0';
        char after = PeekAt(1);
        return Current == ':'
            ? char.IsAsciiHexDigit(after) || after == ':' || char.IsAsciiHexDigit(before) || before == ':'
            : char.IsAsciiDigit(before) && char.IsAsciiDigit(after) && IsNumericWordSoFar();
    }

    private bool IsNumericWordSoFar()
    {
        int i = _pos - 1;
        while (i >= 0 && (char.IsAsciiDigit(_text[i]) || _text[i] == '.'))
        {
            i--;
        }

        return i < 0 || !char.IsAsciiLetter(_text[i]);
    }

    /// <summary>A word of a condition, as the console reads a value: up to blanks, an operator or a bracket.</summary>
    private string ReadConditionWord()
    {
        int start = _pos;
        while (!AtEnd)
        {
            char c = Current;
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '=' or '~' or '<' or '>' or '(' or ')' or '[' or ']' or '{' or '}' or '"' or '$'
                || (c == '!' && PeekAt(1) == '='))
            {
                break;
            }

            _pos++;
        }

        return _text[start.._pos];
    }

    private bool AtOperator(string op) => string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0;

    /// <summary>A keyword (<c>and or not in where</c>) as a whole word.</summary>
    private bool AtKeyword(string keyword)
    {
        if (!AtOperator(keyword))
        {
            return false;
        }

        char after = PeekAt(keyword.Length);
        char before = _pos > 0 ? _text[_pos - 1] : ' ';
        return !(char.IsAsciiLetterOrDigit(after) || after is '-' or '_' or '.')
            && !(char.IsAsciiLetterOrDigit(before) || before is '-' or '_');
    }
}
