# Sesame example: the seeds' three-knock door (888 -> 555 -> 222, 30 s per step, 30 min of access)
# with the seeds' blacklist enabled, in front of a router that drops all other input from WAN.
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
/ip firewall filter
add action=drop chain=input comment="blacklisted sources: everything dropped" in-interface-list=WAN src-address-list=blacklist
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input comment="knock 1" dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input comment="knock 2" dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input comment="knock 3" dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input comment="knocked: all input accepted" in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input comment="trap port" dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input comment="scanned ports" dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
add action=drop chain=input comment="the router's own drop of WAN input" in-interface-list=WAN
