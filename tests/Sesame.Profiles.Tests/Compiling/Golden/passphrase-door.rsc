# sesame export
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
/ip firewall layer7-protocol
add name=vpn-knock1 regexp="^supersecretpassword1\$"
add name=vpn-knock2 regexp="^supersecretpassword2\$"
/ip firewall filter
add action=accept chain=input \
    comment="sesame: keep established sessions (they outlive the knock)" \
    connection-state=established,related,untracked
add action=add-src-to-address-list address-list=vpn-knock1 \
    address-list-timeout=10s chain=input \
    comment="sesame door vpn: knock 1 of 2" dst-port=1234 \
    in-interface-list=WAN layer7-protocol=vpn-knock1 protocol=udp
add action=add-src-to-address-list address-list=vpn-secured \
    address-list-timeout=2h chain=input \
    comment="sesame door vpn: knock 2 of 2" dst-port=4321 \
    in-interface-list=WAN layer7-protocol=vpn-knock2 protocol=udp \
    src-address-list=vpn-knock1
add action=accept chain=input \
    comment="sesame door vpn: open to knocked sources" dst-port=51820 \
    in-interface-list=WAN protocol=udp src-address-list=vpn-secured
add action=drop chain=input comment="sesame: drop other input from outside (the\
    \_router's own drop; keep the rules above before it)" in-interface-list=WAN
/ipv6 firewall filter
add action=accept chain=input \
    comment="sesame: keep established sessions (they outlive the knock)" \
    connection-state=established,related,untracked
add action=accept chain=input comment="sesame: ICMPv6 (neighbour discovery is I\
    Pv6's ARP; it opens no port)" protocol=icmpv6
add action=drop chain=input comment="sesame: drop other input from outside (the\
    \_router's own drop; keep the rules above before it)" in-interface-list=WAN
