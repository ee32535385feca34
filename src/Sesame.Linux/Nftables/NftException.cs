namespace Sesame.Linux.Nftables;

/// <summary>
/// nft refused a command, or Sesame refused to send one; <see cref="Exception.Message"/> is nft's own error text or
/// Sesame's reason, <see cref="Error"/> what the errno says (<see cref="NftErrno"/>).
/// </summary>
public class NftException : Exception
{
    public NftException()
    {
    }

    public NftException(string message)
        : base(message)
    {
    }

    public NftException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NftException(string message, int errno)
        : base(message)
    {
        Errno = errno;
    }

    /// <summary>The errno the failure left, 0 when there was none.</summary>
    public int Errno { get; }

    /// <summary>The errno, classified.</summary>
    public NftError Error => NftErrno.Classify(Errno);
}
