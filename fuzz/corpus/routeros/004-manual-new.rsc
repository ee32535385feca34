# Seed 004: MikroTik manual (new), Port Knocking. Command lines copied verbatim; context lines are marked. The page
# runs commands into its prose; they are split at the end of each command here, and the scripts' lines restored.
# Context the document assumes: interface lists WAN (ether1) and LAN (bridge), as a default configuration has them.
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
# Setup example.
/ip firewall filter add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp
/ip firewall filter add action=add-src-to-address-list address-list=knock2 address-list-timeout=30s chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=knock1
/ip firewall filter add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=knock2
/ip firewall filter add action=accept chain=input in-interface-list=WAN src-address-list=secured
# Context: "an existing firewall configuration that drops all connection attempts from the WAN interface".
/ip firewall filter add action=drop chain=input in-interface-list=WAN
# Verifying your configuration.
/ip firewall filter print chain=input
/ip firewall filter move 0 3
# Verifying access.
/ip firewall address-list print where list=secured
# Blacklist integration.
/ip firewall filter add action=drop chain=input disabled=yes in-interface-list=WAN src-address-list=blacklist
/ip firewall filter add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input disabled=yes dst-port=666 in-interface-list=WAN protocol=tcp
/ip firewall filter add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input disabled=yes dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
/ip firewall filter enable numbers=5,6
# Passphrase validation.
/ip firewall layer7-protocol add name=pass regexp="^passphrase$"
/ip firewall filter add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=udp layer7-protocol=pass
# Script-based knock sequences.
/system script add name=check-and-grant source={
    :local knockedIPs [/ip firewall address-list find list=knock2]
    :foreach id in=$knockedIPs do={
        :local ip [/ip firewall address-list get $id address]
        /ip firewall address-list add list=secured address=$ip timeout=30m comment="granted-by-script"
        /ip firewall address-list remove $id
        :log info "Port knock: granted access to $ip"
    }
}
/system script add name=log-knock-attempts source={
    :local stage1 [/ip firewall address-list find list=knock1]
    :local stage2 [/ip firewall address-list find list=knock2]
    :local secured [/ip firewall address-list find list=secured]
    :log info ("Port knock stats: stage1=" . [:len $stage1] . " stage2=" . [:len $stage2] . " secured=" . [:len $secured])
}
/system scheduler add name=knock-logger interval=5m on-event=log-knock-attempts
/system script add name=clean-knock-lists source={
    # Address-list timeouts handle expiry automatically, but this
    # script can force-clean all intermediate stages on demand
    :foreach id in=[/ip firewall address-list find list=knock1] do={ /ip firewall address-list remove $id }
    :foreach id in=[/ip firewall address-list find list=knock2] do={ /ip firewall address-list remove $id }
    :log info "Knock intermediate lists cleared"
}
# Troubleshooting: locked out after configuration (YOUR_IP as printed).
/ip firewall address-list add address=YOUR_IP list=secured address-list-timeout=1d
# Troubleshooting: knock sequence not working, address lists not populating.
/interface list print
/ip firewall address-list print
/ip firewall filter print chain=input
