using System.Buffers;
using System.Globalization;
using Sesame.Net;

namespace Sesame.Checking;

/// <summary>
/// The SSH session a command runs in, from OpenSSH's <c>SSH_CONNECTION</c> (<c>client-ip client-port server-ip
/// server-port</c>, IPv4 or IPv6). An IPv4-mapped IPv6 address (<c>::ffff:192.0.2.7</c>, what a dual-stack sshd
/// reports for an IPv4 client) is held as the IPv4 address, since that is the packet the IPv4 filter sees.
/// </summary>
public readonly record struct SshSession(IpRange Client, int ClientPort, IpRange Server, int ServerPort)
{
    /// <summary>
    /// The longest text <see cref="TryParse"/> reads: two IPv6 addresses with a zone and two ports fit in well under
    /// half of it, so anything longer is not OpenSSH's.
    /// </summary>
    public const int MaxLength = 256;

    private static readonly SearchValues<char> AddressCharacters = SearchValues.Create("0123456789abcdefABCDEF.:");

    /// <summary>What a zone may hold: an interface name's usual characters, or an index.</summary>
    private static readonly SearchValues<char> ZoneCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>
    /// The zone OpenSSH writes after a link-local client address (<c>fe80::1%eth0</c>): the interface the session
    /// arrives on, when it is a name. Null otherwise.
    /// </summary>
    public string? ClientZone { get; init; }

    /// <summary>
    /// Parses <c>SSH_CONNECTION</c>. False for anything malformed: not exactly four fields separated by single spaces,
    /// a character outside printable ASCII (newline, NUL, ESC), text over <see cref="MaxLength"/>, an address that is
    /// not a plain IPv4 or IPv6 address, a port outside 1–65535, or a client and server of different families.
    /// Spaces around the whole text are allowed (a value pasted by hand).
    /// </summary>
    public static bool TryParse(string? text, out SshSession session)
    {
        session = default;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan().Trim(' ');
        foreach (char c in s)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        Span<Range> fields = stackalloc Range[5];
        if (s.Split(fields, ' ') != 4)
        {
            return false;
        }

        if (!TryParseAddress(s[fields[0]], out IpRange client, out string? zone)
            || !TryParsePort(s[fields[1]], out int clientPort)
            || !TryParseAddress(s[fields[2]], out IpRange server, out _)
            || !TryParsePort(s[fields[3]], out int serverPort)
            || client.Family != server.Family)
        {
            return false;
        }

        session = new SshSession(client, clientPort, server, serverPort) { ClientZone = zone };
        return true;
    }

    /// <summary>The session with IPv4-mapped IPv6 addresses as IPv4 (a session built by hand may hold them).</summary>
    public SshSession Normalised() => this with { Client = Unmap(Client), Server = Unmap(Server) };

    /// <summary><c>192.0.2.7:51234 → 192.0.2.1:22</c>, IPv6 addresses in brackets.</summary>
    public override string ToString() => $"{Endpoint(Client, ClientPort)} → {Endpoint(Server, ServerPort)}";

    private static string Endpoint(IpRange address, int port) => address.Family == IpFamily.V6
        ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
        : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static bool TryParseAddress(ReadOnlySpan<char> text, out IpRange address, out string? zone)
    {
        address = default;
        zone = null;
        int percent = text.IndexOf('%');
        if (percent >= 0)
        {
            // getnameinfo(NI_NUMERICHOST) appends the scope of a link-local address: an interface name or its index.
            ReadOnlySpan<char> scope = text[(percent + 1)..];
            if (scope.Length is 0 or > 15 || scope.ContainsAnyExcept(ZoneCharacters))
            {
                return false;
            }

            zone = scope.ContainsAnyExceptInRange('0', '9') ? scope.ToString() : null;
            text = text[..percent];
        }

        // OpenSSH writes the bare numeric form; IPAddress would also take "[2001:db8::1]" and other spellings.
        if (text.ContainsAnyExcept(AddressCharacters) || !IpRange.TryParseAddress(text, out IpFamily family, out UInt128 value))
        {
            return false;
        }

        address = Unmap(IpRange.Host(family, value));
        // A scope belongs to a link-local IPv6 address (fe80::/10) only.
        return percent < 0 || (address.Family == IpFamily.V6 && (address.First >> 118) == 0x3FA);
    }

    private static IpRange Unmap(IpRange address)
    {
        // ::ffff:0:0/96, RFC 4291 §2.5.5.2.
        if (address.Family == IpFamily.V6 && address.IsHost && (address.First >> 32) == 0xFFFF)
        {
            return IpRange.Host(IpFamily.V4, address.First & 0xFFFFFFFF);
        }

        return address;
    }
}
