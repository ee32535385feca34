namespace Sesame.Fleet;

/// <summary>The fleet's database refused or could not be reached; the message is for the user (no stack trace).</summary>
public sealed class FleetException : Exception
{
    public FleetException()
    {
    }

    public FleetException(string message)
        : base(message)
    {
    }

    public FleetException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
