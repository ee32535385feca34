namespace Sesame.Diagnostics;

/// <summary>How serious a diagnostic is. Errors make a configuration unusable; warnings do not.</summary>
public enum Severity
{
    Warning,
    Error,
}
