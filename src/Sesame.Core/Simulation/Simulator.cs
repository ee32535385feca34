using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Time;
using Sesame.Tracing;

namespace Sesame.Simulation;

/// <summary>Runs a trace through the engine on a clock that jumps to each packet's time.</summary>
public static class Simulator
{
    public static SimulationResult Run(FirewallConfig config, IReadOnlyList<TracePacket> packets)
    {
        var clock = new ManualTimeProvider();
        DateTimeOffset start = clock.GetUtcNow();
        // Auto: connections are tracked only when a rule can observe them, which gives the same verdicts, counters and
        // lists (see ConnectionTracking) and is the configuration the benchmarks measure.
        var firewall = new Firewall(config, clock, ConnectionTracking.Auto);
        var recorder = new ChangeRecorder();
        firewall.Observer = recorder;
        var results = new List<SimulatedPacket>(packets.Count);
        var expiries = new List<SimulatedExpiry>();
        double end = 0;
        foreach (TracePacket p in packets)
        {
            DateTimeOffset at = start + TimeSpan.FromSeconds(p.Time);
            // Stop the clock at every expiry before this packet, so each is reported at the time it happened.
            while (firewall.NextExpiryAt() is { } due && due <= at)
            {
                clock.SetUtcNow(due > clock.GetUtcNow() ? due : clock.GetUtcNow());
                firewall.ExpireDue();
                foreach (AddressListChange expiry in recorder.Take())
                {
                    expiries.Add(new SimulatedExpiry((clock.GetUtcNow() - start).TotalSeconds, expiry));
                }
            }

            clock.SetUtcNow(at);
            end = p.Time;
            var packet = new Packet
            {
                Hook = p.Hook,
                Family = p.Family,
                Src = p.Src,
                Dst = p.Dst,
                Protocol = p.Protocol,
                SrcPort = p.SrcPort,
                DstPort = p.DstPort,
                TcpFlags = p.TcpFlags,
                Length = p.Length,
                Payload = p.Payload,
                InInterface = p.InInterface is null ? -1 : firewall.ResolveInterface(p.InInterface),
                OutInterface = p.OutInterface is null ? -1 : firewall.ResolveInterface(p.OutInterface),
            };
            PacketResult result = firewall.Process(packet);
            results.Add(new SimulatedPacket(p, result, recorder.Take()));
        }

        var lists = new List<AddressListEntryState>(firewall.GetAddressLists(IpFamily.V4));
        lists.AddRange(firewall.GetAddressLists(IpFamily.V6));
        var rules = new List<SimulatedRule>();
        AddRules(rules, firewall, IpFamily.V4, config.Ipv4Filter);
        AddRules(rules, firewall, IpFamily.V6, config.Ipv6Filter);
        return new SimulationResult(results, expiries, lists, rules, end);
    }

    private static void AddRules(List<SimulatedRule> into, Firewall firewall, IpFamily family, EquatableArray<FilterRule> rules)
    {
        for (int i = 0; i < rules.Count; i++)
        {
            into.Add(new SimulatedRule(family, i, rules[i], firewall.GetCounter(family, i)));
        }
    }

    private sealed class ChangeRecorder : IAddressListObserver
    {
        private List<AddressListChange> _changes = [];

        public void OnAddressListChanged(in AddressListChange change) => _changes.Add(change);

        public IReadOnlyList<AddressListChange> Take()
        {
            List<AddressListChange> taken = _changes;
            _changes = [];
            return taken;
        }
    }
}
