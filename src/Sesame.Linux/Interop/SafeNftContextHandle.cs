using System.Runtime.InteropServices;

namespace Sesame.Linux;

/// <summary>An <c>nft_ctx</c> from <c>nft_ctx_new</c>, freed with <c>nft_ctx_free</c>.</summary>
internal sealed class SafeNftContextHandle : SafeHandle
{
    public SafeNftContextHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        Interop.Nftables.NftCtxFree(handle);
        return true;
    }
}
