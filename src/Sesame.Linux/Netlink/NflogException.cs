namespace Sesame.Linux.Netlink;

/// <summary>The NFLOG socket could not be opened or configured; the message says what the kernel answered.</summary>
public sealed class NflogException : Exception
{
    public NflogException()
    {
    }

    public NflogException(string message)
        : base(message)
    {
    }

    public NflogException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
