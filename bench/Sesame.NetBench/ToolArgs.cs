using System.Globalization;
using System.Net;

namespace Sesame.NetBench;

/// <summary>The <c>--name value</c> pairs after the mode word; every mode reads what it needs and falls back to a default.</summary>
internal sealed class ToolArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ToolArgs(ReadOnlySpan<string> args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public string Text(string name, string fallback) => _values.TryGetValue(name, out string? v) ? v : fallback;

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out string? v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public IPAddress Address(string name, string fallback) => IPAddress.Parse(Text(name, fallback));

    public ushort[] Ports(string name, string fallback) =>
        Text(name, fallback).Split(',').Select(p => ushort.Parse(p, CultureInfo.InvariantCulture)).ToArray();
}
