using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// A start or stop command read exactly: which tool, whether it adds the accept rule or removes it again, and the ports
/// it accepts from <c>%IP%</c> (empty: all input from the address).
/// </summary>
internal sealed record OpenRule(string Tool, bool Removes, EquatableArray<OpenPort> Ports)
{
    /// <summary>True when <paramref name="stop"/> takes back exactly what this rule let in.</summary>
    public bool IsUndoneBy(OpenRule stop) =>
        !Removes && stop.Removes && stop.Tool == Tool && Ports.ToHashSet().SetEquals(stop.Ports) && Ports.Count == 0 == (stop.Ports.Count == 0);
}
