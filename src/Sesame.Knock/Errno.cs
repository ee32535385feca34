namespace Sesame.Knock;

/// <summary>The Linux errno values the knock client tells apart, by their C names.</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int EACCES = 13;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETUNREACH = 101;
    public const int ECONNREFUSED = 111;
    public const int EHOSTUNREACH = 113;

    public static bool IsPermission(int errno) => errno is EPERM or EACCES;
}
