# Seed 003: MikroTik manual (Chinese translation), Port knocking. Command lines copied verbatim, with the blank
# before every '=' that the scraped page has.
# Context the document assumes: interface lists WAN (ether1) and LAN (bridge), as a default configuration has them.
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
# Context: the menu the bare 'add' lines of the document run in.
/ip firewall filter
# 黑名单: the blacklist drop rule goes at the very top of the firewall stack, so it comes first.
add action =drop chain =input disabled =yes in-interface-list =WAN src-address-list =blacklist
add action =add-src-to-address-list address-list =888 address-list-timeout =30s chain =input dst-port =888 in-interface-list =WAN protocol =tcp
add action =add-src-to-address-list address-list =555 address-list-timeout =30s chain =input dst-port =555 in-interface-list =WAN protocol =tcp src-address-list =888
add action =add-src-to-address-list address-list =secured address-list-timeout =30m chain =input dst-port =222 in-interface-list =WAN protocol =tcp src-address-list =555
add action =accept chain =input in-interface-list =WAN src-address-list =secured
add action =add-src-to-address-list address-list =blacklist address-list-timeout =1000m chain =input disabled =yes dst-port =666 in-interface-list =WAN protocol =tcp
add action =add-src-to-address-list address-list =blacklist address-list-timeout =1m chain =input disabled =yes dst-port =21,22,23,8291,10000-60000 in-interface-list =WAN protocol =tcp src-address-list =!secured
# 为每一次敲门使用一个口令 (a passphrase for each knock), as printed.
/ip firewall layer7-protocol add name=pass regexp="^passphrase/$"  
/ip firewall filter  
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=udp layer7-protocol=pass
# Context: "a firewall that drops all connection attempts from the WAN port", after the knock rules.
add action=drop chain=input in-interface-list=WAN
