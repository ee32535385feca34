namespace Sesame.Linux.Control;

/// <summary>One line of a configuration request's answer: <c>error</c>, <c>warning</c> or <c>info</c>, and its text.</summary>
public readonly record struct ControlNote(string Topic, string Message)
{
    public const string ErrorTopic = "error";
    public const string WarningTopic = "warning";
    public const string InfoTopic = "info";
}
