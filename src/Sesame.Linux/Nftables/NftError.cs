namespace Sesame.Linux.Nftables;

/// <summary>What a failed nftables or netlink request means, from its errno (<see cref="NftErrno.Classify"/>).</summary>
public enum NftError
{
    /// <summary>No errno, or one Sesame has no meaning for: a parse or evaluation error of libnftables itself.</summary>
    Unknown,

    /// <summary>ENOENT: the table, chain, set, element or counter is not there.</summary>
    NotFound,

    /// <summary>EEXIST: the object exists (for a set: with another definition).</summary>
    Exists,

    /// <summary>ENFILE: the set is full (the kernel's answer when a set reaches its size).</summary>
    SetFull,

    /// <summary>ENOSPC: no room (an interval set, a full map).</summary>
    NoSpace,

    /// <summary>EPERM or EACCES: no CAP_NET_ADMIN in this network namespace.</summary>
    NotPermitted,

    /// <summary>EINVAL or ERANGE: the kernel refused a value (a name too long, a bad attribute).</summary>
    Invalid,

    /// <summary>EOPNOTSUPP: the kernel cannot do it (a missing module, an update on a set that cannot be updated).</summary>
    NotSupported,

    /// <summary>EBUSY: the object is in use (a set a rule refers to, a chain something jumps to).</summary>
    Busy,
}
