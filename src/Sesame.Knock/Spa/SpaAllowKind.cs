namespace Sesame.Knock.Spa;

/// <summary>Which address an SPA packet asks the server to open.</summary>
public enum SpaAllowKind
{
    /// <summary><c>0.0.0.0</c>: whatever source the packet arrives from (fwknop's <c>-s</c>; <c>ALLOW_IP source</c>).</summary>
    Source,

    /// <summary>An address given by the user (fwknop's <c>-a</c>).</summary>
    Address,

    /// <summary>
    /// The local address the route to the server leaves from (our <c>-R</c>). fwknop's <c>-R</c> asks a web service for
    /// the external address; Sesame asks no third party, so behind NAT give the outside address with <c>-a</c> instead.
    /// </summary>
    Resolve,
}
