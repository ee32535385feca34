using System.Runtime.InteropServices;

namespace Sesame.Linux;

internal static partial class Interop
{
    /// <summary>
    /// libnftables (nftables/libnftables.h). The output and error buffers belong to the context and are reused by the
    /// next command, so they are returned as pointers and copied at once (PLATFORM-NOTES).
    /// </summary>
    internal static partial class Nftables
    {
        internal const uint NFT_CTX_DEFAULT = 0;

        internal const uint NFT_CTX_OUTPUT_JSON = 1 << 4;

        /// <summary>Leaves set elements out — and, unlike <c>list table</c>, <c>list ruleset</c> then does not fetch them at all.</summary>
        internal const uint NFT_CTX_OUTPUT_TERSE = 1 << 11;

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_new")]
        internal static partial SafeNftContextHandle NftCtxNew(uint flags);

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_free")]
        internal static partial void NftCtxFree(nint ctx);

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_buffer_output")]
        internal static partial int NftCtxBufferOutput(SafeNftContextHandle ctx);

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_buffer_error")]
        internal static partial int NftCtxBufferError(SafeNftContextHandle ctx);

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_output_set_flags")]
        internal static partial void NftCtxOutputSetFlags(SafeNftContextHandle ctx, uint flags);

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_get_output_buffer")]
        internal static partial nint NftCtxGetOutputBuffer(SafeNftContextHandle ctx);

        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_ctx_get_error_buffer")]
        internal static partial nint NftCtxGetErrorBuffer(SafeNftContextHandle ctx);

        /// <summary>
        /// Runs a buffer of commands (JSON when the context's JSON output flag is set). SetLastError: after a failure the
        /// kernel's netlink error is left in errno (<see cref="Sesame.Linux.Nftables.NftErrno"/>).
        /// </summary>
        [LibraryImport(Libraries.Nftables, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int NftRunCmdFromBuffer(SafeNftContextHandle ctx, string buffer);
    }
}
