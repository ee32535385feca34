using Sesame.Engine;

namespace Sesame.Tests.Engine;

internal sealed class RecordingObserver : IAddressListObserver
{
    public List<AddressListChange> Changes { get; } = [];

    public void OnAddressListChanged(in AddressListChange change) => Changes.Add(change);
}
