using Sesame.Model;
using Sesame.Net;

namespace Sesame.Profiles;

/// <summary>The rules of one door: knock steps, the optional reset on a wrong knock, and what the door opens.</summary>
internal static class DoorRules
{
    /// <param name="layer7">Receives the passphrase patterns; null for the IPv6 filter, whose caller passes only doors without them.</param>
    public static void Add(List<FilterRule> rules, List<Layer7Protocol>? layer7, Door door, bool shareKnocked)
    {
        if (door.Spa is not null)
        {
            SpaDoorRules.Add(rules, door);
            return;
        }

        int count = door.Knocks.Count;
        var steps = new List<FilterRule>();
        for (int i = 0; i < count; i++)
        {
            KnockStep step = door.Knocks[i];
            bool last = i == count - 1;
            FilterRule rule = Knock(door, step) with
            {
                Action = FilterAction.AddSrcToAddressList,
                AddressList = last ? door.GrantedList : door.StepList(i),
                AddressListTimeout = AddressListTimeout.Timed(last ? door.OpenFor : door.StepTime),
                SrcAddressList = i == 0 ? null : Negatable<string>.Is(door.StepList(i - 1)),
                Comment = $"sesame door {door.Name}: knock {i + 1} of {count}",
            };
            if (step.Passphrase is { } passphrase)
            {
                string name = $"{door.Name}-knock{i + 1}";
                layer7?.Add(new Layer7Protocol(name, ProfileCompiler.PassphrasePattern(passphrase)));
                rule = rule with { Layer7Protocol = name };
            }

            steps.Add(rule);
            if (last && shareKnocked)
            {
                steps.Add(rule with { AddressList = ProfileCompiler.KnockedList, Comment = $"sesame door {door.Name}: knocked sources are spared by the blacklist" });
            }
        }

        if (door.SequenceTime is { } sequenceTime && count > 1)
        {
            steps = WithinSequenceTime(door, steps, sequenceTime);
        }

        int first = rules.Count;
        if (door.ResetOnWrongKnock && count > 1)
        {
            AddWithReset(rules, door, steps);
        }
        else
        {
            rules.AddRange(steps);
        }

        AddOpen(rules, door);
        // A knock's rules point at the knock; the door's other rules (jumps, accepts) at the door.
        for (int i = first; i < rules.Count; i++)
        {
            if (rules[i].Location.IsNone)
            {
                rules[i] = rules[i] with { Location = door.Location };
            }
        }
    }

    /// <summary>
    /// RouterOS cannot take an address off a list from a filter rule, so a wrong knock puts the source on a spoil list
    /// for the longest step time instead, and the step rules sit in a chain that spoiled sources do not enter. The spoil
    /// outlasts every step entry made before it, so when it ends the source starts from the beginning.
    /// </summary>
    private static void AddWithReset(List<FilterRule> rules, Door door, List<FilterRule> steps)
    {
        string spoiled = $"{door.Name}-spoiled";
        string chain = $"{door.Name}-knocks";
        for (int i = 1; i < door.Knocks.Count; i++)
        {
            rules.Add(Knock(door, door.Knocks[i]) with
            {
                Action = FilterAction.AddSrcToAddressList,
                AddressList = spoiled,
                AddressListTimeout = AddressListTimeout.Timed(door.StepTime),
                SrcAddressList = Negatable<string>.Not(door.StepList(i - 1)),
                Comment = $"sesame door {door.Name}: knock {i + 1} out of turn resets the sequence",
            });
        }

        rules.Add(Interface(ProfileCompiler.Outside() with
        {
            Action = FilterAction.Jump,
            JumpTarget = chain,
            SrcAddressList = Negatable<string>.Not(spoiled),
            Comment = $"sesame door {door.Name}: knocks of sources that did not knock out of turn",
        }, door));
        rules.AddRange(steps.Select(s => s.Chain == "input" ? s with { Chain = chain } : s));
    }

    /// <summary>
    /// The first knock's entry lasts the sequence time and the later knocks sit in a chain entered only while that entry
    /// lives, so the whole sequence must fit in it (knockd's <c>seq_timeout</c>), whatever the pace of each step.
    /// </summary>
    private static List<FilterRule> WithinSequenceTime(Door door, List<FilterRule> steps, TimeSpan sequenceTime)
    {
        string chain = $"{door.Name}-sequence";
        var result = new List<FilterRule>
        {
            steps[0] with { AddressListTimeout = AddressListTimeout.Timed(sequenceTime) },
            Interface(ProfileCompiler.Outside() with
            {
                Action = FilterAction.Jump,
                JumpTarget = chain,
                SrcAddressList = Negatable<string>.Is(door.StepList(0)),
                Comment = $"sesame door {door.Name}: later knocks only within {RouterOsTime.Format(sequenceTime)} of the first",
            }, door),
        };
        result.AddRange(steps.Skip(1).Select(s => s with { Chain = chain }));
        return result;
    }

    private static FilterRule Interface(FilterRule rule, Door door) =>
        door.Interface is { } name ? rule with { InInterface = Negatable<string>.Is(name) } : rule;

    private static FilterRule Knock(Door door, KnockStep step)
    {
        FilterRule rule = ProfileCompiler.Outside() with
        {
            Location = step.Location,
            Protocol = Negatable<byte>.Is(step.Protocol),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(step.Port, step.Port)]),
            TcpFlags = step.Protocol == IpProtocols.Tcp ? door.TcpFlags : null,
        };
        return Interface(rule, door);
    }

    private static void AddOpen(List<FilterRule> rules, Door door)
    {
        if (door.OpensNothing)
        {
            return;
        }

        FilterRule accept = Interface(ProfileCompiler.Outside() with { SrcAddressList = Negatable<string>.Is(door.GrantedList) }, door);
        if (door.Open.Count == 0)
        {
            rules.Add(accept with { Comment = $"sesame door {door.Name}: all input from knocked sources" });
            return;
        }

        foreach (IGrouping<byte, OpenPort> group in door.Open.GroupBy(p => p.Protocol))
        {
            rules.Add(accept with
            {
                Protocol = Negatable<byte>.Is(group.Key),
                DstPort = Negatable<EquatableArray<PortRange>>.Is([.. group.Select(p => new PortRange(p.Port, p.Port))]),
                Comment = $"sesame door {door.Name}: open to knocked sources",
            });
        }
    }
}
