namespace Sesame.RouterOS.Scripting;

/// <summary>
/// Diagnostic codes of scripts and schedulers (SES07xx; SES01xx–SES03xx are the configuration's front end, SES04xx
/// and SES05xx the checker and the kernel, SES06xx the nftables compiler).
/// </summary>
internal static class ScriptCodes
{
    public const string Syntax = "SES0701";
    public const string Unbalanced = "SES0702";
    public const string BadEscape = "SES0703";
    public const string OneLine = "SES0704";
    public const string TooDeep = "SES0705";
    public const string NotSupported = "SES0710";
    public const string UnknownVariable = "SES0711";
    public const string MissingScript = "SES0712";
    public const string ListNeverFilled = "SES0713";
    public const string NeverFinishes = "SES0714";
    public const string RunsItself = "SES0715";
    public const string UnknownArgument = "SES0716";
    public const string TypeError = "SES0717";
}
