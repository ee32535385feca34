namespace Sesame.Engine;

/// <summary>Receives every address-list change the engine makes, in time order (a daemon mirrors them into the kernel).</summary>
public interface IAddressListObserver
{
    void OnAddressListChanged(in AddressListChange change);
}
