using System.Net.Sockets;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Netlink;

/// <summary>
/// Reads elements of <c>table inet sesame</c>'s sets over raw netlink: one element by key, or a bounded number.
/// </summary>
/// <remarks>
/// Why not libnftables: nftables 1.0.6 fetches every element of every set into its cache for <c>get element</c> and
/// <c>list set</c>, and the kernel's dump of a hash set walks it from the start again for every message it fills, so the
/// cost grows with the square of the set's size. With a set a flood had filled to 1,048,576 entries, <c>nft get element</c>
/// of one address took 43 s here, 38 s of it in the kernel. A GETSETELEM request without NLM_F_DUMP is one hash lookup;
/// a dump that stops after N elements costs what N elements cost. The socket works in the network namespace of the thread
/// that created it. Not thread-safe.
/// </remarks>
internal sealed class NftSetElements : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private Socket _socket;
    private uint _sequence;

    public NftSetElements()
    {
        _socket = Open();
    }

    /// <summary>
    /// The element <paramref name="address"/> of set <paramref name="set"/>, or null when the set does not hold it (an
    /// element whose time is up counts as gone, as it does for the packet path).
    /// </summary>
    /// <exception cref="NftException">No such set or table (errno 2 too, told apart by the caller's knowledge), no
    /// CAP_NET_ADMIN, or no answer.</exception>
    public NftElementState? Get(string table, string set, IpRange address)
    {
        uint sequence = ++_sequence;
        Send(NftSetElementMessages.Request(sequence, table, set, NftSetElementMessages.Key(address)), set);
        var elements = new List<(IpRange, NftElementState)>(1);
        int? errno = Receive(sequence, elements, int.MaxValue, set, out _);
        if (errno is { } missing && NftErrno.Classify(missing) == NftError.NotFound)
        {
            return null; // ENOENT: not in the set (a missing set or table answers the same; the daemon asks only of its own)
        }

        if (errno is { } e && e != 0)
        {
            throw Failure(set, e);
        }

        return elements.Count > 0 ? elements[0].Item2 : null;
    }

    /// <summary>At most <paramref name="max"/> elements of <paramref name="set"/>, and whether it holds more.</summary>
    /// <exception cref="NftException">No such set or table, no CAP_NET_ADMIN, or no answer.</exception>
    public NftElementDump Dump(string table, string set, int max)
    {
        uint sequence = ++_sequence;
        Send(NftSetElementMessages.Request(sequence, table, set, []), set);
        var elements = new List<(IpRange, NftElementState)>();
        int? errno = Receive(sequence, elements, max, set, out bool stoppedEarly);
        if (errno is { } e && e != 0)
        {
            throw Failure(set, e);
        }

        bool truncated = stoppedEarly || elements.Count > max;
        if (stoppedEarly)
        {
            // The kernel would go on filling messages for the rest of the dump: a fresh socket leaves them behind.
            _socket.Dispose();
            _socket = Open();
        }

        // The kernel resumes a dump by counting positions in the hash table, so an element can come twice (or be missed)
        // when the table changes meanwhile: a dump is a sample, and Get is the way to ask about one address.
        var seen = new HashSet<IpRange>();
        elements.RemoveAll(e => !seen.Add(e.Item1));
        return new NftElementDump(elements.Count > max ? elements.GetRange(0, max) : elements, truncated);
    }

    /// <summary>
    /// Writes elements of <c>inet <paramref name="table"/></c> in one nf_tables transaction (all or, on any error, none),
    /// over netlink as nft itself does: a tenth of the cost of a libnftables call, which parses JSON and reads the
    /// ruleset's cache each time. Keys are bytes and set names Sesame's own, so there is nothing to quote.
    /// </summary>
    /// <returns>0, or the errno of the message the kernel refused (ENOENT: a deleted element or a set is not there).</returns>
    /// <exception cref="NftException">No answer, or EPERM.</exception>
    public int Write(string table, IReadOnlyList<NftElementWrite> writes)
    {
        if (writes.Count == 0)
        {
            return 0;
        }

        uint first = _sequence + 2;
        _sequence += (uint)writes.Count + 2;
        Send(NftSetElementMessages.Batch(first, table, writes), writes[0].Set);
        int answers = 0;
        int errno = 0;
        while (answers < writes.Count)
        {
            int received;
            try
            {
                received = _socket.Receive(_buffer);
            }
            catch (SocketException e)
            {
                throw new NftException($"set {writes[0].Set}: no answer from the kernel: {e.Message}");
            }

            (int count, int refused) = NftSetElementMessages.ReadAcks(_buffer.AsSpan(0, received), first, writes.Count);
            answers += count;
            errno = errno == 0 ? refused : errno;
        }

        if (NftErrno.Classify(errno) == NftError.NotPermitted)
        {
            throw Failure(writes[0].Set, errno);
        }

        return errno;
    }

    /// <summary>What a non-zero errno from <see cref="Write"/> means, for a person: a missing set or element, a full set, or the errno.</summary>
    public static string Refusal(string set, int errno) => NftErrno.Classify(errno) switch
    {
        NftError.NotFound => $"set {set}: no such set or element in table inet sesame",
        NftError.SetFull or NftError.NoSpace => $"set {set} is full (the daemon's --set-size)",
        _ => $"set {set}: the kernel refused the change (errno {errno})",
    };

    public void Dispose() => _socket.Dispose();

    private static Socket Open()
    {
        Socket socket = NetfilterSocket.Open(message => new NftException(message));
        socket.ReceiveTimeout = 2000;
        return socket;
    }

    private void Send(byte[] message, string set)
    {
        try
        {
            _socket.Send(message);
        }
        catch (SocketException e)
        {
            throw new NftException($"set {set}: could not ask the kernel: {e.Message}");
        }
    }

    /// <summary>Reads answers to <paramref name="sequence"/> until the kernel is done, or until more than max elements.</summary>
    private int? Receive(uint sequence, List<(IpRange, NftElementState)> elements, int max, string set, out bool stoppedEarly)
    {
        stoppedEarly = false;
        for (int datagrams = 0; datagrams < 1_000_000; datagrams++)
        {
            int received;
            try
            {
                received = _socket.Receive(_buffer);
            }
            catch (SocketException e)
            {
                throw new NftException($"set {set}: no answer from the kernel: {e.Message}");
            }

            (bool done, int? errno) = NftSetElementMessages.Read(_buffer.AsSpan(0, received), sequence, elements);
            if (done)
            {
                return errno;
            }

            if (elements.Count > max)
            {
                stoppedEarly = true;
                return null;
            }
        }

        throw new NftException($"set {set}: the kernel's answer did not end");
    }

    private static NftException Failure(string set, int errno) => new(NftErrno.Classify(errno) switch
    {
        NftError.NotPermitted => $"set {set}: the kernel refused (EPERM: needs CAP_NET_ADMIN)",
        NftError.NotFound => $"set {set}: no such set in table inet sesame",
        _ => $"set {set}: the kernel answered errno {errno}",
    }, errno);
}
