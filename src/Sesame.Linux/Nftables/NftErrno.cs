namespace Sesame.Linux.Nftables;

/// <summary>
/// The one place where an errno becomes an <see cref="NftError"/>, for libnftables (which leaves the kernel's netlink
/// error in errno) and for Sesame's own netlink requests (whose replies carry it in <c>nlmsgerr</c>). Nothing decides by
/// the text of an error message.
/// </summary>
/// <remarks>
/// Measured with libnftables 1.0.6: after a failed <c>nft_run_cmd_from_buffer</c> errno is the kernel's error when the
/// kernel refused a command ("Could not process rule: …": ENOENT for a missing element or table, EEXIST for a set declared
/// with another type, ENFILE for a full set); for libnftables' own parse and evaluation errors it is 0 or a leftover
/// EAGAIN from its netlink reads. Those are <see cref="NftError.Unknown"/>, which no caller treats as an expected outcome.
/// </remarks>
public static class NftErrno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int EOPNOTSUPP = 95;

    public static NftError Classify(int errno) => errno switch
    {
        ENOENT => NftError.NotFound,
        EEXIST => NftError.Exists,
        ENFILE => NftError.SetFull,
        ENOSPC => NftError.NoSpace,
        EPERM or EACCES => NftError.NotPermitted,
        EINVAL or ERANGE => NftError.Invalid,
        EOPNOTSUPP => NftError.NotSupported,
        EBUSY => NftError.Busy,
        _ => NftError.Unknown,
    };
}
