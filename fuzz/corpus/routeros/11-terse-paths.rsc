# One command per line with its full path, as "export terse" writes and as the blog pasted them; slash paths too.
/interface list add name=WAN
/interface/list/member/add interface=ether1 list=WAN
/ip firewall layer7-protocol add name=pass regexp="^passphrase\$"
/ip firewall filter add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=udp layer7-protocol=pass
/ip/firewall/filter/add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=knock1
/ip firewall filter add action=accept chain=input in-interface-list=WAN src-address-list=secured
/ip/firewall/address-list/add address=198.51.100.1 list=secured comment="pre-approved"; /ip firewall address-list add address=198.51.100.2 list=secured
/ipv6/firewall/filter/add action=drop chain=input in-interface-list=WAN
