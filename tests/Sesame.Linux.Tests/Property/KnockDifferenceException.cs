namespace Sesame.Tests.Property;

/// <summary>The engine and the kernel disagreed on a case; the message holds the config and trace to replay it.</summary>
internal sealed class KnockDifferenceException : Exception
{
    public KnockDifferenceException(string message)
        : base(message)
    {
    }

    public KnockDifferenceException()
    {
    }

    public KnockDifferenceException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
