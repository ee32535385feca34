using Sesame.Net;

namespace Sesame.RouterOS.Scripting.Values;

// CONTRACT SKELETON (lead): the types the interpreter works with. The values helper fills in behaviour; names and
// shapes stay so that the interpreter, written in parallel, compiles against them.

/// <summary>A RouterOS script value (MikroTik "Scripting", data types). Immutable, except <see cref="RosArray"/> (see there).</summary>
public abstract record RosValue
{
    /// <summary>What <c>:typeof</c> prints: <c>str num bool ip ip-prefix ip6 ip6-prefix time array id nil nothing</c>.</summary>
    public abstract string TypeName { get; }
}

public sealed record RosStr(string Value) : RosValue
{
    public override string TypeName => "str";
}

public sealed record RosNum(long Value) : RosValue
{
    public override string TypeName => "num";
}

public sealed record RosBool(bool Value) : RosValue
{
    public static readonly RosBool True = new(true);
    public static readonly RosBool False = new(false);

    /// <summary>The shared instance for <paramref name="value"/>.</summary>
    public static RosBool Of(bool value) => value ? True : False;

    public override string TypeName => "bool";
}

/// <summary>A single address: <c>ip</c> or <c>ip6</c> by its family.</summary>
public sealed record RosIp(IpRange Address) : RosValue
{
    public override string TypeName => Address.Family == IpFamily.V4 ? "ip" : "ip6";
}

/// <summary>A prefix: <c>ip-prefix</c> or <c>ip6-prefix</c> by its family.</summary>
public sealed record RosPrefix(IpRange Prefix) : RosValue
{
    public override string TypeName => Prefix.Family == IpFamily.V4 ? "ip-prefix" : "ip6-prefix";
}

public sealed record RosTime(TimeSpan Value) : RosValue
{
    public override string TypeName => "time";
}

/// <summary>An internal item id (<c>*1A</c>); <see cref="Menu"/> says which menu the item is in (<c>ip firewall address-list</c>, <c>ipv6 firewall filter</c>).</summary>
public sealed record RosId(long Value, string Menu) : RosValue
{
    public override string TypeName => "id";
}

public sealed record RosNil : RosValue
{
    public static readonly RosNil Instance = new();

    public override string TypeName => "nil";
}

public sealed record RosNothing : RosValue
{
    public static readonly RosNothing Instance = new();

    public override string TypeName => "nothing";
}
