namespace Sesame.Fleet;

/// <summary>The fleet link over PostgreSQL (see docs/fleet.md).</summary>
public sealed class FleetLink : IFleetLink
{
    public FleetLink(FleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Node = settings.Node;
    }

    public string Node { get; }

    public bool Connected => throw new NotImplementedException();

    public int Queued => throw new NotImplementedException();

    public void Start(IFleetEvents events) => throw new NotImplementedException();

    public void Publish(FleetChange change) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
