namespace Sesame.Tests.Scripting;

/// <summary>The three scripts of the newest seed's "Script-Based Knock Sequences", one command per line as the real page has them.</summary>
internal static class SeedScripts
{
    public const string CheckAndGrant = """
        :local knockedIPs [/ip firewall address-list find list=knock2]
        :foreach id in=$knockedIPs do={
            :local ip [/ip firewall address-list get $id address]
            /ip firewall address-list add list=secured address=$ip timeout=30m comment="granted-by-script"
            /ip firewall address-list remove $id
            :log info "Port knock: granted access to $ip"
        }
        """;

    public const string LogKnockAttempts = """
        :local stage1 [/ip firewall address-list find list=knock1]
        :local stage2 [/ip firewall address-list find list=knock2]
        :local secured [/ip firewall address-list find list=secured]
        :log info ("Port knock stats: stage1=" . [:len $stage1] . " stage2=" . [:len $stage2] . " secured=" . [:len $secured])
        """;

    public const string CleanKnockLists = """
        # Address-list timeouts handle expiry automatically, but this
        # script can force-clean all intermediate stages on demand
        :foreach id in=[/ip firewall address-list find list=knock1] do={
            /ip firewall address-list remove $id
        }
        :foreach id in=[/ip firewall address-list find list=knock2] do={
            /ip firewall address-list remove $id
        }
        :log info "Knock intermediate lists cleared"
        """;

    /// <summary>check-and-grant as the scraped seed has it: the whole script on one line.</summary>
    public const string CheckAndGrantOneLine =
        " :local knockedIPs [/ip firewall address-list find list=knock2] :foreach id in=$knockedIPs do={ :local ip [/ip firewall address-list get $id address] /ip firewall address-list add list=secured address=$ip timeout=30m comment=\"granted-by-script\" /ip firewall address-list remove $id :log info \"Port knock: granted access to $ip\" }";

    public static ScriptRun NewRun() => new(
        ("check-and-grant", CheckAndGrant),
        ("log-knock-attempts", LogKnockAttempts),
        ("clean-knock-lists", CleanKnockLists),
        ("check-and-grant-one-line", CheckAndGrantOneLine));
}
