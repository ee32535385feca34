using Sesame.Engine.Rules;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine;

public sealed partial class Firewall
{
    /// <summary>
    /// Runs one packet through the filter of its family as if connection tracking had given it <paramref name="state"/>,
    /// without tracking it: a check asks what the rules do with a packet of a connection that exists elsewhere (in the
    /// kernel, before a reload), which this firewall never saw open. Counters and address-list actions apply as in
    /// <see cref="Process"/>. With no tracked connection, <c>connection-limit</c> counts none and a Layer7 matcher has
    /// no data, so neither matches.
    /// </summary>
    internal PacketResult ProcessAs(in Packet packet, ConnectionStates state)
    {
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        RuleSet rules = packet.Family == IpFamily.V6 ? _v6 : _v4;
        Verdict verdict = Evaluate(rules, packet, -1, state, now, out int ruleIndex);
        return new PacketResult(verdict, ruleIndex, state);
    }
}
