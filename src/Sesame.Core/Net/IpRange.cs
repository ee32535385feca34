using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Sesame.Net;

/// <summary>
/// An address-list or matcher address: one host, a prefix or an arbitrary range, held as a closed interval of integers
/// (IPv4 in the low 32 bits) so that matching is two compares.
/// </summary>
/// <remarks>
/// Normalisation follows RouterOS (ROUTEROS.md §3.2): a prefix with host bits set is stored as its network
/// (<c>203.0.113.77/24</c> → <c>203.0.113.0/24</c>), a range that equals one prefix is stored as that prefix, and a
/// host is a /32 (/128). Two values that normalise the same are equal, which is how "already have such entry" works.
/// </remarks>
public readonly record struct IpRange(IpFamily Family, UInt128 First, UInt128 Last)
{
    public int MaxPrefixLength => Family == IpFamily.V4 ? 32 : 128;

    public bool IsHost => First == Last;

    /// <summary>The prefix length when the range is exactly one prefix, otherwise -1.</summary>
    public int PrefixLength
    {
        get
        {
            UInt128 size = Last - First;
            if (size == UInt128.MaxValue)
            {
                return First == UInt128.Zero ? 0 : -1;
            }

            UInt128 count = size + 1;
            if ((count & size) != 0)
            {
                return -1; // not a power of two
            }

            if ((First & size) != 0)
            {
                return -1; // not aligned
            }

            int hostBits = (int)UInt128.TrailingZeroCount(count);
            int length = MaxPrefixLength - hostBits;
            return length < 0 ? -1 : length;
        }
    }

    public bool Contains(IpFamily family, UInt128 address) => family == Family && address >= First && address <= Last;

    public bool Contains(IPAddress address) =>
        TryToInteger(address, out IpFamily family, out UInt128 value) && Contains(family, value);

    public static IpRange Host(IpFamily family, UInt128 address) => new(family, address, address);

    public static IpRange Host(IPAddress address)
    {
        if (!TryToInteger(address, out IpFamily family, out UInt128 value))
        {
            throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address.", nameof(address));
        }

        return Host(family, value);
    }

    /// <summary>Parses <c>ADDR</c>, <c>ADDR/LEN</c> or <c>ADDR-ADDR</c> (IPv4 only, as RouterOS) into a normalised range.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IpRange? range) => TryParse(text, out range, out _);

    /// <summary>As <see cref="TryParse(string, out IpRange?)"/>, with the reason when it fails.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IpRange? range, out string error)
    {
        range = null;
        error = "";
        text = text.Trim();
        int slash = text.IndexOf('/');
        int dash = text.IndexOf('-');
        if (slash >= 0)
        {
            if (!TryParseAddress(text.AsSpan(0, slash), out IpFamily family, out UInt128 value))
            {
                error = $"'{text[..slash]}' is not an IP address";
                return false;
            }

            int max = family == IpFamily.V4 ? 32 : 128;
            if (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out int length) || length > max)
            {
                error = $"'{text[(slash + 1)..]}' is not a prefix length (0..{max})";
                return false;
            }

            range = FromPrefix(family, value, length);
            return true;
        }

        if (dash >= 0)
        {
            if (!TryParseAddress(text.AsSpan(0, dash), out IpFamily f1, out UInt128 a) || !TryParseAddress(text.AsSpan(dash + 1), out IpFamily f2, out UInt128 b))
            {
                error = $"'{text}' is not an address range";
                return false;
            }

            if (f1 != IpFamily.V4 || f2 != IpFamily.V4)
            {
                error = $"'{text}': ranges are IPv4 only; use a prefix for IPv6";
                return false;
            }

            if (b < a)
            {
                error = $"'{text}': the range ends before it starts";
                return false;
            }

            range = new IpRange(IpFamily.V4, a, b);
            return true;
        }

        if (!TryParseAddress(text, out IpFamily hostFamily, out UInt128 host))
        {
            error = $"'{text}' is not an IP address";
            return false;
        }

        range = Host(hostFamily, host);
        return true;
    }

    public static IpRange FromPrefix(IpFamily family, UInt128 address, int length)
    {
        int max = family == IpFamily.V4 ? 32 : 128;
        int hostBits = max - length;
        UInt128 hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        UInt128 first = address & ~hostMask;
        return new IpRange(family, first, first | hostMask);
    }

    /// <summary>Parses a single address (no prefix, no range) to its family and integer value.</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out IpFamily family, out UInt128 value)
    {
        family = default;
        value = default;
        // IPAddress.TryParse accepts forms such as "10" or "1.2.3" that RouterOS does not; require four dotted parts for IPv4.
        if (text.IndexOf(':') < 0 && text.Count('.') != 3)
        {
            return false;
        }

        if (text.IndexOfAny('%', ' ') >= 0 || !IPAddress.TryParse(text, out IPAddress? address))
        {
            return false;
        }

        return TryToInteger(address, out family, out value);
    }

    public static bool TryToInteger(IPAddress address, out IpFamily family, out UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            family = IpFamily.V4;
            value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address.TryWriteBytes(bytes, out _);
            family = IpFamily.V6;
            value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return true;
        }

        family = default;
        value = default;
        return false;
    }

    public static IPAddress ToAddress(IpFamily family, UInt128 value)
    {
        if (family == IpFamily.V4)
        {
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(four, (uint)value);
            return new IPAddress(four);
        }

        Span<byte> sixteen = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(sixteen, value);
        return new IPAddress(sixteen);
    }

    /// <summary>RouterOS spelling: <c>1.2.3.4</c>, <c>1.2.3.0/24</c>, <c>1.2.3.4-1.2.3.9</c>; IPv6 hosts print without /128.</summary>
    public override string ToString()
    {
        if (IsHost)
        {
            return ToAddress(Family, First).ToString();
        }

        int length = PrefixLength;
        return length >= 0
            ? $"{ToAddress(Family, First)}/{length}"
            : $"{ToAddress(Family, First)}-{ToAddress(Family, Last)}";
    }
}
