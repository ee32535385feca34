namespace Sesame.Linux.Nftables;

/// <summary>What the kernel holds after a transaction is not what was compiled (<see cref="NftRulesetVerifier"/>).</summary>
public sealed class NftVerificationException : NftException
{
    public NftVerificationException()
        : this([])
    {
    }

    public NftVerificationException(string message)
        : base(message)
    {
        Differences = [message];
    }

    public NftVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Differences = [message];
    }

    public NftVerificationException(IReadOnlyList<string> differences)
        : base($"table inet sesame differs from the compiled ruleset: {string.Join("; ", differences ?? [])}")
    {
        Differences = differences ?? [];
    }

    /// <summary>Each difference, one sentence each.</summary>
    public IReadOnlyList<string> Differences { get; }
}
