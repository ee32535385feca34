namespace Sesame.Profiles;

/// <summary>Diagnostic codes of door profiles (SES06xx), of knockd.conf import (SES068x) and of fwknop import (SES069x).</summary>
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

    /// <summary>An SPA door's key file cannot be used: missing, readable by others, not a key file.</summary>
    public const string SpaKeyFile = "SES0613";

    /// <summary>A key written in the profile itself instead of a key file.</summary>
    public const string SpaInlineKey = "SES0614";

    /// <summary>Warning: an SPA door opens only under <c>sesame serve</c>; simulate and exports keep its ports shut.</summary>
    public const string SpaServeOnly = "SES0615";

    /// <summary>An SPA door whose port another door or rule already takes.</summary>
    public const string SpaPortConflict = "SES0616";

    /// <summary>A password written in a profile's <c>fleet:</c> section instead of its <c>password-file:</c>.</summary>
    public const string FleetInlinePassword = "SES0617";

    /// <summary><c>fleet: share:</c> or <c>local:</c> names a list the profile does not have, or one both shared and local.</summary>
    public const string FleetList = "SES0618";

    /// <summary><c>fleet: password-file:</c> cannot be used: missing, a directory, readable by others.</summary>
    public const string FleetPasswordFile = "SES0619";

    public const string KnockdSyntax = "SES0680";
    public const string KnockdNotCarried = "SES0681";
    public const string KnockdBadValue = "SES0682";

    public const string FwknopSyntax = "SES0690";
    public const string FwknopNotCarried = "SES0691";
    public const string FwknopBadValue = "SES0692";

    /// <summary>A key file the import would write already exists with other keys, or cannot be written.</summary>
    public const string FwknopKeyFile = "SES0693";
}
