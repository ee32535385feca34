# door.rsc plus the seeds' blacklist, enabled: a blacklisted source is dropped at the top (knocks included); the trap
# port 666 lists a source for 1000m, the scanned ports 21,22,23,8291,10000-60000 for 1m unless it is secured.
/interface list
add name=WAN
/interface list member
add interface=ether1 list=WAN
/ip firewall filter
add action=drop chain=input in-interface-list=WAN src-address-list=blacklist
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
add action=drop chain=input in-interface-list=WAN
