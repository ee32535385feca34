namespace Sesame.Linux.Logging;

/// <summary>
/// A log value always written in quotes (<c>message="…"</c>), even when it holds no blank: text from outside — a script's
/// line, a refused request — whose form must not depend on its content.
/// </summary>
public readonly record struct QuotedText(string Text)
{
    public override string ToString() => Text;
}
