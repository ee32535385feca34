namespace Sesame.RouterOS;

/// <summary>How <see cref="RouterOsScript.Parse"/> treats input that published documents contain but RouterOS rejects.</summary>
public sealed record ScriptOptions
{
    /// <summary>
    /// Refuse the seed variants (a blank before <c>=</c>, an unescaped <c>$</c> in a string, <c>address-list-timeout</c>
    /// on an address-list entry, <c>in-interface</c> naming an interface list, a wrapped line without <c>\</c>, item
    /// numbers no print gave out, a filter rule command with no menu selected) with errors instead of accepting them with
    /// warnings.
    /// </summary>
    public bool Strict { get; init; }
}
