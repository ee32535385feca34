namespace Sesame.Scripting;

/// <summary>A host refused a script's command; the message is what RouterOS would print.</summary>
public sealed class ScriptHostException : Exception
{
    public ScriptHostException()
    {
    }

    public ScriptHostException(string message)
        : base(message)
    {
    }

    public ScriptHostException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
