namespace Sesame.RouterOS.Scripting.Values;

/// <summary>A runtime error of a script (a type error, a bad conversion, <c>:error</c>): ends the run unless caught by <c>:do … on-error=</c>.</summary>
public sealed class RosScriptException : Exception
{
    public RosScriptException()
    {
    }

    public RosScriptException(string message)
        : base(message)
    {
    }

    public RosScriptException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
