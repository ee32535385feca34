# The benchmark's Sesame door: knock 888 -> 555 -> 222 (30 s per step, 30 min of access), then everything from WAN
# is accepted; all other WAN input is dropped. Same door as knockd.conf next to it.
/interface list
add name=WAN
/interface list member
add interface=ether1 list=WAN
/ip firewall filter
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input in-interface-list=WAN src-address-list=secured
add action=drop chain=input in-interface-list=WAN
