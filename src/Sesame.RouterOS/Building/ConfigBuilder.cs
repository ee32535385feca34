using System.Collections.Immutable;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Console;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Building;

/// <summary>
/// Turns the items the console holds at the end of a script into the immutable <see cref="FirewallConfig"/>, checking
/// values and cross references (interface lists, layer7 protocols). Items with a fatal error are left out.
/// </summary>
internal sealed partial class ConfigBuilder
{
    private readonly ConsoleInterpreter _console;
    private readonly ScriptDiagnostics _diagnostics;
    private readonly HashSet<string> _interfaceLists = new(InterfaceList.Predefined, StringComparer.Ordinal);
    private readonly HashSet<string> _interfaces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layer7 = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scripts = new(StringComparer.Ordinal);

    private ConfigBuilder(ConsoleInterpreter console, ScriptDiagnostics diagnostics)
    {
        _console = console;
        _diagnostics = diagnostics;
    }

    public static FirewallConfig Build(ConsoleInterpreter console, ScriptDiagnostics diagnostics) =>
        new ConfigBuilder(console, diagnostics).Build();

    private FirewallConfig Build()
    {
        ImmutableArray<InterfaceList> lists = Collect(MenuKind.InterfaceList, BuildInterfaceList);
        ImmutableArray<InterfaceListMember> members = Collect(MenuKind.InterfaceListMember, BuildMember);
        ImmutableArray<Layer7Protocol> layer7 = Collect(MenuKind.Layer7Protocol, BuildLayer7);
        CheckIncludes();

        // Before the schedulers, whose on-event may name a script.
        ImmutableArray<SystemScript> scripts = Collect(MenuKind.SystemScript, BuildScript);
        ImmutableArray<FilterRule> ipv4Filter = Collect(MenuKind.Ipv4Filter, i => BuildRule(i, IpFamily.V4));
        ImmutableArray<FilterRule> ipv6Filter = Collect(MenuKind.Ipv6Filter, i => BuildRule(i, IpFamily.V6));
        foreach ((string name, string member) in _assumedDefaultLists)
        {
            lists = lists.Add(new InterfaceList(name) { Comment = "defconf" });
            members = members.Add(new InterfaceListMember(name, member) { Comment = "defconf" });
        }

        return new FirewallConfig
        {
            InterfaceLists = lists,
            InterfaceListMembers = members,
            Layer7Protocols = layer7,
            Ipv4AddressList = Collect(MenuKind.Ipv4AddressList, i => BuildEntry(i, IpFamily.V4)),
            Ipv6AddressList = Collect(MenuKind.Ipv6AddressList, i => BuildEntry(i, IpFamily.V6)),
            Ipv4Filter = ipv4Filter,
            Ipv6Filter = ipv6Filter,
            Scripts = scripts,
            Schedulers = Collect(MenuKind.SystemScheduler, BuildScheduler),
        };
    }

    /// <summary>
    /// The interface lists of RouterOS's default configuration, with its usual members. The seeds' rules say
    /// <c>in-interface-list=WAN</c> on a router whose default configuration defines WAN and LAN; a script pasted from
    /// them usually leaves those lists out. Sesame then assumes them as the default configuration has them (a seed
    /// variant: a warning, an error in strict mode), so such a script simulates as its document describes.
    /// </summary>
    private static readonly Dictionary<string, string> DefaultConfigurationLists = new(StringComparer.Ordinal)
    {
        ["WAN"] = "ether1",
        ["LAN"] = "bridge",
    };

    private readonly List<(string Name, string Member)> _assumedDefaultLists = [];

    /// <summary>Whether a rule may name this interface list; reports it when not.</summary>
    private bool KnowsInterfaceList(ItemProperty p, string value)
    {
        if (_interfaceLists.Contains(value))
        {
            return true;
        }

        if (DefaultConfigurationLists.TryGetValue(value, out string? member))
        {
            _diagnostics.Variant(p.ValueLocation, DiagnosticCodes.AssumedDefaultInterfaceList,
                $"{p.Name}: interface list '{value}' is not defined; assumed as in RouterOS's default configuration (/interface list add name={value}; member {member})");
            _interfaceLists.Add(value);
            _assumedDefaultLists.Add((value, member));
            return !_diagnostics.Strict;
        }

        _diagnostics.Error(p.ValueLocation, DiagnosticCodes.UnknownInterfaceList,
            $"{p.Name}: unknown interface list '{value}' (define it with /interface list add name={value})");
        return false;
    }

    private ImmutableArray<T> Collect<T>(MenuKind kind, Func<MenuItem, T?> build)
        where T : class
    {
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (MenuItem item in _console.Menu(kind).Items)
        {
            if (build(item) is T built)
            {
                result.Add(built);
            }
        }

        return result.ToImmutable();
    }

    private InterfaceList? BuildInterfaceList(MenuItem item)
    {
        if (Required(item, "name", "/interface list") is not string name || !UniqueName(item, _interfaceLists, name))
        {
            return null;
        }

        return new InterfaceList(name)
        {
            Include = NameList(item.ValueOf("include")),
            Exclude = NameList(item.ValueOf("exclude")),
            Comment = item.ValueOf("comment"),
            Location = item.Location,
        };
    }

    private static EquatableArray<string> NameList(string? text) =>
        string.IsNullOrEmpty(text) ? EquatableArray<string>.Empty : [.. text.Split(',', StringSplitOptions.TrimEntries)];

    /// <summary>
    /// <c>include=</c>/<c>exclude=</c> name other lists (ROUTEROS.md §7.4); RouterOS refuses a name that is neither
    /// defined nor predefined (<c>input does not match any value</c>). Checked against every list of the script, so
    /// the order in which the lists were added does not matter.
    /// </summary>
    private void CheckIncludes()
    {
        foreach (MenuItem item in _console.Menu(MenuKind.InterfaceList).Items)
        {
            foreach (string property in (string[])["include", "exclude"])
            {
                if (item.Get(property) is not ItemProperty p)
                {
                    continue;
                }

                foreach (string name in NameList(p.Value))
                {
                    if (!_interfaceLists.Contains(name))
                    {
                        _diagnostics.Error(p.ValueLocation, DiagnosticCodes.UnknownInterfaceList,
                            $"{property}: unknown interface list '{name}' (input does not match any value of {property})");
                    }
                }
            }
        }
    }

    private InterfaceListMember? BuildMember(MenuItem item)
    {
        string? list = Required(item, "list", "/interface list member");
        string? name = Required(item, "interface", "/interface list member");
        if (list is null || name is null)
        {
            return null;
        }

        if (!_interfaceLists.Contains(list))
        {
            ItemProperty p = item.Get("list")!;
            _diagnostics.Error(p.ValueLocation, DiagnosticCodes.UnknownInterfaceList, $"unknown interface list '{list}' (input does not match any value of list)");
            return null;
        }

        _interfaces.Add(name);
        return new InterfaceListMember(list, name)
        {
            Disabled = Bool(item, "disabled"),
            Comment = item.ValueOf("comment"),
            Location = item.Location,
        };
    }

    private Layer7Protocol? BuildLayer7(MenuItem item)
    {
        string? name = Required(item, "name", "/ip firewall layer7-protocol");
        string? regexp = Required(item, "regexp", "/ip firewall layer7-protocol");
        if (name is null || regexp is null || !UniqueName(item, _layer7, name))
        {
            return null;
        }

        return new Layer7Protocol(name, regexp) { Comment = item.ValueOf("comment"), Location = item.Location };
    }

    private static EquatableArray<RawProperty> Raw(MenuItem item, params string[] except) =>
        [.. item.Properties.Where(p => !except.Contains(p.Name)).Select(p => new RawProperty(p.Name, p.Value))];

    private string? Required(MenuItem item, string property, string menu)
    {
        string? value = item.ValueOf(property);
        if (string.IsNullOrEmpty(value))
        {
            _diagnostics.Error(item.Location, DiagnosticCodes.MissingProperty, $"{menu} item needs '{property}'");
            return null;
        }

        return value;
    }

    private bool UniqueName(MenuItem item, HashSet<string> names, string name)
    {
        if (names.Add(name))
        {
            return true;
        }

        _diagnostics.Error(item.Get("name")!.ValueLocation, DiagnosticCodes.InvalidValue, $"failure: already have such name '{name}'");
        return false;
    }

    private bool Bool(MenuItem item, string property)
    {
        if (item.Get(property) is not ItemProperty p)
        {
            return false;
        }

        if (ValueParsers.TryParseBool(p.Value, out bool value, out string error))
        {
            return value;
        }

        _diagnostics.Error(p.ValueLocation, DiagnosticCodes.InvalidValue, $"{property}: {error}");
        return false;
    }

    /// <summary>Splits RouterOS whole-value negation off a value (ROUTEROS.md §1.9); a quoted <c>"!x"</c> is a name.</summary>
    private static (bool Negated, string Value) Negation(ItemProperty p) =>
        !p.Quoted && p.Value.StartsWith('!') ? (true, p.Value[1..]) : (false, p.Value);

    private void Invalid(ItemProperty p, string error) =>
        _diagnostics.Error(p.ValueLocation, DiagnosticCodes.InvalidValue, $"{p.Name}: {error}");
}
