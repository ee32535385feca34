using Sesame.Model;

namespace Sesame.RouterOS.Export;

/// <summary>The <c>add</c> arguments of each exported item, defaults left out (§5.3: exports are compact).</summary>
internal static class ItemProperties
{
    /// <summary>
    /// <c>action</c> is always written although <c>accept</c> is its default: RouterOS exports show it on every rule,
    /// and a reader sees the rule's effect without knowing the default. A timeout that is set is written even when it is
    /// the default <c>none-dynamic</c>, so that the model reads back unchanged.
    /// </summary>
    public static List<ExportProperty> Describe(FilterRule rule)
    {
        List<ExportProperty> p = FilterRuleProperties.Describe(rule);
        AddFlag(p, "disabled", rule.Disabled);
        AddText(p, "comment", rule.Comment);
        AddFlag(p, "log", rule.Log);
        AddText(p, "log-prefix", rule.LogPrefix);
        return p;
    }

    public static List<ExportProperty> Describe(AddressListEntry entry)
    {
        var p = new List<ExportProperty>
        {
            new("list", RouterOsQuoting.Format(entry.List)),
            new("address", RouterOsQuoting.Format(entry.AddressText)),
        };
        AddFlag(p, "disabled", entry.Disabled);
        AddText(p, "comment", entry.Comment);
        return p;
    }

    public static List<ExportProperty> Describe(Layer7Protocol protocol)
    {
        var p = new List<ExportProperty>
        {
            new("name", RouterOsQuoting.Format(protocol.Name)),
            new("regexp", RouterOsQuoting.Format(protocol.Regexp)),
        };
        AddText(p, "comment", protocol.Comment);
        return p;
    }

    public static List<ExportProperty> Describe(InterfaceList list)
    {
        var p = new List<ExportProperty> { new("name", RouterOsQuoting.Format(list.Name)) };
        if (list.Include.Count > 0)
        {
            p.Add(new("include", RouterOsQuoting.Format(string.Join(',', list.Include))));
        }

        if (list.Exclude.Count > 0)
        {
            p.Add(new("exclude", RouterOsQuoting.Format(string.Join(',', list.Exclude))));
        }

        AddText(p, "comment", list.Comment);
        return p;
    }

    public static List<ExportProperty> Describe(InterfaceListMember member)
    {
        var p = new List<ExportProperty>
        {
            new("list", RouterOsQuoting.Format(member.List)),
            new("interface", RouterOsQuoting.Format(member.Interface)),
        };
        AddFlag(p, "disabled", member.Disabled);
        AddText(p, "comment", member.Comment);
        return p;
    }

    /// <summary>
    /// The source is written exactly as stored, each line break as the escapes of its own characters (<c>\r\n</c> for
    /// CR LF, <c>\n</c> for LF): rewriting LF as CR LF would change the model on the way back.
    /// </summary>
    public static List<ExportProperty> Describe(SystemScript script)
    {
        var p = new List<ExportProperty>
        {
            new("name", RouterOsQuoting.Format(script.Name)),
            new("source", RouterOsQuoting.Format(script.Source)),
        };
        AddRaw(p, script.Properties);
        return p;
    }

    public static List<ExportProperty> Describe(SystemScheduler scheduler)
    {
        var p = new List<ExportProperty> { new("name", RouterOsQuoting.Format(scheduler.Name)) };
        AddRaw(p, scheduler.Properties);
        return p;
    }

    private static void AddRaw(List<ExportProperty> properties, EquatableArray<RawProperty> raw)
    {
        foreach (RawProperty property in raw)
        {
            properties.Add(new(property.Name, RouterOsQuoting.Format(property.Value)));
        }
    }

    private static void AddFlag(List<ExportProperty> properties, string name, bool value)
    {
        if (value)
        {
            properties.Add(new(name, "yes"));
        }
    }

    private static void AddText(List<ExportProperty> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties.Add(new(name, RouterOsQuoting.Format(value)));
        }
    }
}
