using Sesame.Linux.Netlink;
using Sesame.Linux.Scripting;
using Sesame.Net;

namespace Sesame.Tests.Scripting;

/// <summary>The kernel's host sets as a dictionary: elements keep their timeout, time left (moved by the clock) and comment.</summary>
internal sealed class FakeAddressListStore(TimeProvider time, params (IpFamily Family, string List)[] lists) : IAddressListStore
{
    private readonly Dictionary<(string List, IpRange Address), (TimeSpan? Timeout, DateTimeOffset? Expires, string? Comment)> _elements = [];

    public int Writes { get; private set; }

    public IReadOnlyCollection<(IpFamily Family, string List)> Lists() => lists;

    public IReadOnlyList<(IpRange Address, NftElementState State)> Dump(IpFamily family, string list) =>
        [.. _elements.Where(e => e.Key.List == list && e.Key.Address.Family == family && Alive(e.Value.Expires))
            .Select(e => (e.Key.Address, State(e.Value)))];

    public NftElementState? Get(IpFamily family, string list, IpRange address) =>
        _elements.TryGetValue((list, address), out var e) && Alive(e.Expires) ? State(e) : null;

    public void Put(string list, IpRange address, TimeSpan? timeout, string? comment)
    {
        Require(list, address);
        Writes++;
        _elements[(list, address)] = (timeout, timeout is { } t ? time.GetUtcNow() + t : null, comment);
    }

    public bool Delete(string list, IpRange address)
    {
        Require(list, address);
        Writes++;
        return _elements.Remove((list, address), out var e) && Alive(e.Expires); // the kernel answers ENOENT for an expired element
    }

    public void Move(string fromList, IpRange from, string list, IpRange address, TimeSpan? timeout, string? comment)
    {
        Require(list, address);
        Writes++;
        if (!_elements.Remove((fromList, from)))
        {
            throw new InvalidOperationException("no such element");
        }

        _elements[(list, address)] = (timeout, timeout is { } t ? time.GetUtcNow() + t : null, comment);
    }

    /// <summary>What a rule's <c>update @set</c> would add: an element of the kernel, not of a script.</summary>
    public void Seed(string list, IpRange address, TimeSpan? timeout, string? comment = null) =>
        _elements[(list, address)] = (timeout, timeout is { } t ? time.GetUtcNow() + t : null, comment);

    public bool Contains(string list, IpRange address) => Get(address.Family, list, address) is not null;

    public (TimeSpan? Timeout, string? Comment) Element(string list, IpRange address)
    {
        var e = _elements[(list, address)];
        return (e.Timeout, e.Comment);
    }

    private void Require(string list, IpRange address)
    {
        if (!lists.Contains((address.Family, list)))
        {
            throw new InvalidOperationException($"the store has no set {list} for {address.Family}: the host should have refused");
        }
    }

    private bool Alive(DateTimeOffset? expires) => expires is not { } at || at > time.GetUtcNow();

    private NftElementState State((TimeSpan? Timeout, DateTimeOffset? Expires, string? Comment) e) =>
        new(e.Timeout, e.Expires is { } at ? at - time.GetUtcNow() : null, e.Comment);
}
