namespace Sesame.RouterOS.Syntax;

/// <summary>
/// Stable diagnostic codes of the RouterOS front end: SES01xx lexical and syntax, SES02xx menus, commands and item
/// references, SES03xx property values and cross references.
/// </summary>
internal static class DiagnosticCodes
{
    public const string UnterminatedString = "SES0101";
    public const string BadEscape = "SES0102";
    public const string Unbalanced = "SES0103";
    public const string Syntax = "SES0104";
    public const string SpaceBeforeEquals = "SES0105";
    public const string DollarInString = "SES0106";
    public const string ContinuationWithoutBackslash = "SES0107";
    public const string GlobalCommandSkipped = "SES0108";
    public const string TooLarge = "SES0109";

    public const string MenuNotModelled = "SES0201";
    public const string UnknownCommand = "SES0202";
    public const string AmbiguousName = "SES0203";
    public const string UnknownProperty = "SES0204";
    public const string NoSuchItem = "SES0205";
    public const string NumberWithoutPrint = "SES0206";
    public const string DuplicateEntry = "SES0207";
    public const string BadArgument = "SES0208";
    public const string BadExpression = "SES0209";
    public const string AfterInlinePath = "SES0210";
    public const string TimeoutOnAddressList = "SES0211";
    public const string NoMenuSelected = "SES0212";

    public const string InvalidValue = "SES0301";
    public const string MissingProperty = "SES0302";
    public const string PortWithoutProtocol = "SES0303";
    public const string UnknownLayer7 = "SES0304";
    public const string UnknownInterfaceList = "SES0305";
    public const string UnsupportedMatcher = "SES0306";
    public const string DnsName = "SES0307";
    public const string InterfaceNamedLikeList = "SES0308";
    public const string Layer7OnIpv6 = "SES0309";
    public const string TcpFlagsWithoutTcp = "SES0310";
    public const string OnEventNamesNoScript = "SES0311";
    public const string AssumedDefaultInterfaceList = "SES0312";
}
