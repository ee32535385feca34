namespace Sesame.Linux.Nftables;

/// <summary>nft refused a command; <see cref="Exception.Message"/> is nft's own error text.</summary>
public sealed class NftException : Exception
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
}
