using System.Collections.Concurrent;
using Sesame.Fleet;

namespace Sesame.Tests.Fleet;

/// <summary>The daemon's side of a fleet without a database: records what the daemon publishes, and lets a test deliver.</summary>
internal sealed class FakeFleetLink(string node = "here") : IFleetLink
{
    private readonly ConcurrentQueue<FleetChange> _published = new();

    public string Node { get; } = node;

    public bool Connected { get; set; }

    public int Queued => _published.Count;

    public IFleetEvents? Events { get; private set; }

    public bool Disposed { get; private set; }

    public IReadOnlyList<FleetChange> Published => [.. _published];

    public void Start(IFleetEvents events) => Events = events;

    public void Publish(FleetChange change) => _published.Enqueue(change);

    public void Dispose() => Disposed = true;
}
