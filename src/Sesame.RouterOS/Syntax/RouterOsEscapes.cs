namespace Sesame.RouterOS.Syntax;

/// <summary>
/// The escapes of a quoted string (ROUTEROS.md §1.8), shared by the configuration lexer and the script parser:
/// <c>\" \\ \$ \_ \n \r \t \a \b \f \v</c> and <c>\XX</c>, a byte from two uppercase hex digits.
/// </summary>
internal static class RouterOsEscapes
{
    /// <summary>The byte a one-character escape stands for, or null when <paramref name="e"/> is not one.</summary>
    public static byte? Simple(char e) => e switch
    {
        '"' => (byte)'"',
        '\\' => (byte)'\\',
        '$' => (byte)'$',
        '_' => (byte)' ',
        'n' => (byte)'\n',
        'r' => (byte)'\r',
        't' => (byte)'\t',
        'a' => 0x07,
        'b' => 0x08,
        'f' => 0x0C,
        'v' => 0x0B,
        _ => null,
    };

    /// <summary>Lowercase hex is a parse error in RouterOS (ESC-REF).</summary>
    public static bool IsUpperHex(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'F');

    public static int HexValue(char c) => c <= '9' ? c - '0' : c - 'A' + 10;

    public static string UnknownMessage(char e)
    {
        string hint = char.IsAsciiHexDigit(e) ? " (\\XX takes two uppercase hex digits)" : "";
        return $"unknown escape '\\{e}' in string{hint}";
    }
}
