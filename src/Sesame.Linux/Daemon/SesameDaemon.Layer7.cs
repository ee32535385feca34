using System.Text.RegularExpressions;
using Sesame.Engine;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
    /// <summary>The most payload bytes matched: RouterOS's Layer7 window (ROUTEROS.md §4.2).</summary>
    private const int Layer7Window = 2048;

    /// <summary>
    /// The rules the compiler hands to the daemon (<see cref="NftCompilerOptions.NflogGroup"/>): enabled add-to-list rules
    /// whose Layer7 regexp is not a literal. A regexp that does not compile matches nothing, as in the engine.
    /// </summary>
    private void FindLayer7Rules(IpFamily family, EquatableArray<FilterRule> rules)
    {
        for (int index = 0; index < rules.Count; index++)
        {
            FilterRule rule = rules[index];
            if (rule.Disabled || rule.Layer7Protocol is not { } name || !rule.Action.AddsToAddressList() || rule.AddressList is null)
            {
                continue;
            }

            Layer7Protocol? protocol = _config.Layer7Protocols.FirstOrDefault(p => p.Name == name);
            if (protocol is null || Layer7Literal.TryParse(protocol.Regexp, out _))
            {
                continue;
            }

            if (Layer7Pattern.TryCompile(protocol.Regexp, out Regex? regex, out string error))
            {
                _layer7[(family, index)] = new Layer7Rule(name, regex);
            }
            else
            {
                _log.Layer7Unusable(index, name, error);
            }
        }
    }

    /// <summary>
    /// One candidate packet: its transport payload, NUL bytes stripped and bytes read as U+0000..U+00FF (l7-filter's data
    /// normalisation, ROUTEROS.md §4.3), against the rule's regexp. Each packet is matched on its own — a knock is one
    /// datagram — where RouterOS would collect a connection's first packets; a passphrase split over packets fails here.
    /// On a match the daemon does the rule's action; the packet itself has already gone on through the chain.
    /// </summary>
    private void HandleLayer7(IpFamily family, int index, string list, IpRange address, TimeSpan? timeout, ReadOnlySpan<byte> data)
    {
        if (!_layer7.TryGetValue((family, index), out Layer7Rule? rule))
        {
            return;
        }

        if (data.Length > Layer7Window)
        {
            data = data[..Layer7Window];
        }

        Span<char> text = stackalloc char[data.Length];
        int length = 0;
        foreach (byte b in data)
        {
            if (b != 0)
            {
                text[length++] = (char)b;
            }
        }

        // A packet without data adds nothing and does not match (ROUTEROS.md §4.3).
        if (length == 0 || !rule.Regex.IsMatch(text[..length]))
        {
            Metrics.Layer7(matched: false);
            if (length > 0 && FirstInWindow(("\0layer7-miss\0" + list, address)))
            {
                _log.Layer7Miss(list, address, index, family);
            }

            return;
        }

        Metrics.Layer7(matched: true);
        try
        {
            new NftAddressListEditor(_nft!).Add(list, address, timeout);
        }
        catch (NftException e) when (e.Error == NftError.SetFull)
        {
            // ENFILE: the kernel's answer for a full set.
            SetFull(family, list);
            return;
        }
        catch (NftException e)
        {
            _log.Layer7AddFailed(list, address, e.Message);
            return;
        }

        Report(list, address, timeout, family, index, "layer7");
    }

    private sealed record Layer7Rule(string Name, Regex Regex);
}
