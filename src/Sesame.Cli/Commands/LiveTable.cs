using System.Diagnostics.CodeAnalysis;
using Sesame.Linux.Nftables;

namespace Sesame.Cli.Commands;

/// <summary>Opens libnftables for the commands that read or change the running <c>table inet sesame</c> of this network namespace.</summary>
internal static class LiveTable
{
    public static bool TryOpen(CliContext context, [NotNullWhen(true)] out NftContext? nft)
    {
        nft = null;
        if (!NftContext.IsAvailable)
        {
            context.Error.WriteLine("sesame: libnftables.so.1 is not installed (apt-get install libnftables1)");
            return false;
        }

        try
        {
            nft = new NftContext();
            if (nft.TableExists())
            {
                return true;
            }

            context.Error.WriteLine("sesame: there is no table inet sesame in this network namespace; is 'sesame serve' running?");
        }
        catch (NftException e)
        {
            context.Error.WriteLine($"sesame: cannot read the ruleset: {e.Message}");
        }

        nft?.Dispose();
        nft = null;
        return false;
    }
}
