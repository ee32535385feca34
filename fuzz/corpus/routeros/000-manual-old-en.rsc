# Seed 000: MikroTik manual (old), Port knocking. Command lines copied verbatim; context lines are marked.
# Context the document assumes: interface lists WAN (ether1) and LAN (bridge), as a default configuration has them.
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
# Context: the menu the bare 'add' lines of the document run in.
/ip firewall filter
# Blacklists: "At the very top of your firewall stack add a drop rule for the blacklist", so it comes first.
add action=drop chain=input disabled=yes in-interface-list=WAN src-address-list=blacklist
# Knocks 888, 555, 222 and the accept rule.
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input in-interface-list=WAN src-address-list=secured
# Blacklists: rules that put suspicious sources on the blacklist, disabled as printed.
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input disabled=yes dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input disabled=yes dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
# Context: "a firewall that drops all connection attempts from the WAN port", after the knock rules.
add action=drop chain=input in-interface-list=WAN
