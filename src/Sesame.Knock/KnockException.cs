namespace Sesame.Knock;

/// <summary>A knock could not be sent; the message says why in words a user can act on.</summary>
public sealed class KnockException : Exception
{
    public KnockException()
    {
    }

    public KnockException(string message)
        : base(message)
    {
    }

    public KnockException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
