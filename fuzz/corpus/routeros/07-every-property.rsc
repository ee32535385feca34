# Every filter property Sesame models, negated where RouterOS allows it, plus matchers it keeps but does not evaluate.
/interface list
add name=WAN
add name=LAN
/ip firewall layer7-protocol
add name=pass regexp="^pass\$"
/ip firewall filter
add action=add-dst-to-address-list address-list="stage 1" address-list-timeout=1d00:00:05 chain=knock comment="every property" connection-limit=3,32 connection-state=new,untracked disabled=yes dst-address=!203.0.113.1-203.0.113.9 dst-address-list=!odd dst-address-type=local,multicast dst-port=21,22,10000-60000 in-interface=ether1 in-interface-list=WAN layer7-protocol=pass log=yes log-prefix="knock: " out-interface=!bridge out-interface-list=!LAN packet-size=100-200 protocol=tcp src-address=198.51.100.77/24 src-address-list=knock1 src-address-type=!local src-port=!1024-65535 tcp-flags=syn,!ack,!rst
add action=jump chain=input jump-target=knock port=8291 protocol=udp
add action=reject chain=knock protocol=!icmp reject-with=icmp-admin-prohibited
add action=return chain=knock
add action=log chain=input log-prefix=seen packet-size=!0-64
add action=passthrough chain=output connection-limit=!10,24
add action=tarpit chain=input protocol=tcp src-address-list=blacklist
add action=add-src-to-address-list address-list=forever address-list-timeout=none-static chain=input dst-port=4444 protocol=tcp
add action=add-src-to-address-list address-list=until-reboot address-list-timeout=00:00:00 chain=input dst-port=5555 protocol=tcp
add action=drop chain=input nth=2,1 src-mac-address=00:11:22:33:44:55
add action=drop chain=input limit=10,5:packet time=8h-17h,mon,tue,wed
add action=accept chain=input connection-nat-state=!dstnat ttl=equal:64
