using System.Runtime.InteropServices;

namespace Sesame.Tests.Kernel;

internal static partial class Libc
{
    internal const int SIGKILL = 9;

    internal const int SIGTERM = 15;

    internal const int SIGCONT = 18;

    internal const int SIGSTOP = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
