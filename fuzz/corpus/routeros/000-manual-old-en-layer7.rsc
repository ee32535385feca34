# Seed 000, passphrase variant: the UDP knock 1 with layer7-protocol=pass replaces the TCP knock 1.
# Context the document assumes: interface lists WAN (ether1) and LAN (bridge), as a default configuration has them.
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
# Use a passphrase for each knock: the layer7 protocol, as printed (with its '/' and unescaped '$').
/ip firewall layer7-protocol add name=pass regexp="^passphrase/$"
/ip firewall filter
# Blacklists: "At the very top of your firewall stack add a drop rule for the blacklist", so it comes first.
add action=drop chain=input disabled=yes in-interface-list=WAN src-address-list=blacklist
# Knock 1 (UDP with passphrase), knocks 555 and 222, the accept rule.
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=udp layer7-protocol=pass
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input in-interface-list=WAN src-address-list=secured
# Blacklists: rules that put suspicious sources on the blacklist, disabled as printed.
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input disabled=yes dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input disabled=yes dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
# Context: "a firewall that drops all connection attempts from the WAN port", after the knock rules.
add action=drop chain=input in-interface-list=WAN
