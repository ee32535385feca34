using System.Runtime.InteropServices;

namespace Sesame.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>fstat(2)</c> into a buffer larger than any <c>struct stat</c> (144 bytes on x86_64, 128 on arm64); both start
        /// with <c>st_dev</c> and <c>st_ino</c> as two 64-bit fields, which is all that is read. glibc exports
        /// <c>fstat</c> itself since 2.33 (Debian 12 has 2.36).
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fstat", SetLastError = true)]
        internal static unsafe partial int FStat(int fd, byte* buffer);

        internal const int StatBufferSize = 256;
    }
}
