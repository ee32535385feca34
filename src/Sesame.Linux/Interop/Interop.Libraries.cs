namespace Sesame.Linux;

internal static partial class Interop
{
    internal static class Libraries
    {
        /// <summary>Debian's libnftables1 package.</summary>
        internal const string Nftables = "libnftables.so.1";

        internal const string Libc = "libc";
    }
}
