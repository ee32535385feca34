namespace Sesame.Fleet;

/// <summary>What a change does to a shared list's entry.</summary>
public enum FleetOp : byte
{
    /// <summary>The address is in the list (a grant, a blacklisting, or a refresh of one) until its expiry, or for good.</summary>
    Put = 1,

    /// <summary>The address was taken out of the list by hand (<c>sesame lists remove</c>, a script, <c>nft</c>).</summary>
    Remove = 2,

    /// <summary>
    /// The entry's time ran out on the node that says so. Recorded only if the fleet's copy has expired too (by the
    /// database's clock), so that a node that missed a refresh cannot end an entry another node extended.
    /// </summary>
    Expire = 3,
}
