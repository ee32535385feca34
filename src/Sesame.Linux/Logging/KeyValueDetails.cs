namespace Sesame.Linux.Logging;

/// <summary>
/// The legacy details of <c>DaemonEventLog.Message(eventName, details)</c>: <c>key=value …</c> text its caller built with
/// <see cref="KeyValueLine.Value"/>. Written as it is (control characters blanked); <see cref="Pairs"/> reads it back, for
/// a consumer that wants the values.
/// </summary>
public sealed class KeyValueDetails(string text)
{
    public string Text { get; } = text;

    /// <summary>The pairs of <see cref="Text"/>, quotes removed and escapes undone; a token without '=' is left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => KeyValueLine.Parse(Text);

    public override string ToString() => Text;
}
