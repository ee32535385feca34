namespace Sesame.Linux.Control;

/// <summary>The control socket cannot be opened, or the daemon refused a request or broke the protocol; the message says which.</summary>
public sealed class ControlException : Exception
{
    public ControlException()
    {
    }

    public ControlException(string message)
        : base(message)
    {
    }

    public ControlException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
