namespace Sesame.Profiles;

/// <summary>Diagnostic codes of door profiles (SES06xx) and of knockd.conf import (SES068x).</summary>
internal static class ProfileCodes
{
    public const string Syntax = "SES0601";
    public const string UnknownKey = "SES0602";
    public const string WrongShape = "SES0603";
    public const string BadPort = "SES0604";
    public const string Missing = "SES0605";
    public const string UnknownInterface = "SES0606";
    public const string BadTime = "SES0607";
    public const string BadProtocol = "SES0608";
    public const string Duplicate = "SES0609";
    public const string BadValue = "SES0610";
    public const string PassphraseOnTcp = "SES0611";
    public const string TooMany = "SES0612";

    public const string KnockdSyntax = "SES0680";
    public const string KnockdNotCarried = "SES0681";
    public const string KnockdBadValue = "SES0682";
}
