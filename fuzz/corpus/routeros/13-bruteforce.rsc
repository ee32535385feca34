# SSH brute-force detection from the new manual, jump chains and connection limits beside a knock.
/interface list
add name=WAN
/ip firewall filter
add action=drop chain=input comment="drop ssh bruteforce" connection-state=new dst-port=22 protocol=tcp src-address-list=ssh-brute
add action=add-src-to-address-list address-list=ssh-brute address-list-timeout=30m chain=input comment="detect ssh bruteforce" connection-limit=3,32 connection-state=new dst-port=22 protocol=tcp
add action=jump chain=input comment="knock chain" connection-state=new dst-address-type=local in-interface-list=WAN jump-target=port_knock
add action=add-src-to-address-list address-list=PORT_KNOCK_J1 address-list-timeout=10s chain=port_knock protocol=icmp packet-size=123 src-address-list=!PORT_KNOCK_J1
add action=add-src-to-address-list address-list=PORT_KNOCK_OK address-list-timeout=1h chain=port_knock dst-port=30303 protocol=tcp src-address-list=PORT_KNOCK_J1 tcp-flags=syn
add action=return chain=port_knock
add action=accept chain=input src-address-list=PORT_KNOCK_OK
add action=drop chain=input in-interface-list=WAN
