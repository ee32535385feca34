# Knocks plus a blacklist for scanners; the blacklist rules start disabled, as the manual prints them.
/interface list
add name=WAN
/interface list member
add interface=ether1 list=WAN
/ip firewall filter
add action=drop chain=input disabled=yes in-interface-list=WAN src-address-list=blacklist
add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=knock2 address-list-timeout=30s chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=knock1
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=knock2
add action=accept chain=input in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input disabled=yes dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input disabled=yes dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
add action=drop chain=input in-interface-list=WAN
print
enable 0,5,6
