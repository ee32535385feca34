using System.Runtime.InteropServices;

namespace Sesame.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The effective user id: the control socket also admits peers running as the daemon's own user.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "geteuid")]
        internal static partial uint GetEUid();
    }
}
