# sesame export
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=pppoe-out1 list=WAN
add interface=bridge list=LAN
/ip firewall filter
add action=accept chain=input \
    comment="sesame: keep established sessions (they outlive the knock)" \
    connection-state=established,related,untracked
add action=drop chain=input comment="sesame blacklist: drop listed sources" \
    in-interface-list=WAN src-address-list=blacklist
add action=add-src-to-address-list address-list=ssh-spoiled \
    address-list-timeout=10s chain=input \
    comment="sesame door ssh: knock 2 out of turn resets the sequence" \
    dst-port=2749 in-interface-list=WAN protocol=tcp \
    src-address-list=!ssh-knock1
add action=add-src-to-address-list address-list=ssh-spoiled \
    address-list-timeout=10s chain=input \
    comment="sesame door ssh: knock 3 out of turn resets the sequence" \
    dst-port=5003 in-interface-list=WAN protocol=tcp \
    src-address-list=!ssh-knock2
add action=jump chain=input comment="sesame door ssh: knocks of sources that di\
    d not knock out of turn" in-interface-list=WAN jump-target=ssh-knocks \
    src-address-list=!ssh-spoiled
add action=add-src-to-address-list address-list=ssh-knock1 \
    address-list-timeout=10s chain=ssh-knocks \
    comment="sesame door ssh: knock 1 of 3" dst-port=7311 \
    in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=ssh-knock2 \
    address-list-timeout=10s chain=ssh-knocks \
    comment="sesame door ssh: knock 2 of 3" dst-port=2749 \
    in-interface-list=WAN protocol=tcp src-address-list=ssh-knock1
add action=add-src-to-address-list address-list=ssh-secured \
    address-list-timeout=1h chain=ssh-knocks \
    comment="sesame door ssh: knock 3 of 3" dst-port=5003 \
    in-interface-list=WAN protocol=tcp src-address-list=ssh-knock2
add action=accept chain=input \
    comment="sesame door ssh: open to knocked sources" dst-port=22 \
    in-interface-list=WAN protocol=tcp src-address-list=ssh-secured
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=16h40m chain=input \
    comment="sesame blacklist: trap ports (no trusted user knocks them)" \
    dst-port=666,3389 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=1m chain=input \
    comment="sesame blacklist: scanned ports slow a scan down" \
    dst-port=21,23,8291,10000-60000 in-interface-list=WAN protocol=tcp \
    src-address-list=!ssh-secured
add action=drop chain=input comment="sesame: drop other input from outside (the\
    \_router's own drop; keep the rules above before it)" in-interface-list=WAN
/ipv6 firewall filter
add action=accept chain=input \
    comment="sesame: keep established sessions (they outlive the knock)" \
    connection-state=established,related,untracked
add action=drop chain=input comment="sesame blacklist: drop listed sources" \
    in-interface-list=WAN src-address-list=blacklist
add action=accept chain=input comment="sesame: ICMPv6 (neighbour discovery is I\
    Pv6's ARP; it opens no port)" protocol=icmpv6
add action=add-src-to-address-list address-list=ssh-spoiled \
    address-list-timeout=10s chain=input \
    comment="sesame door ssh: knock 2 out of turn resets the sequence" \
    dst-port=2749 in-interface-list=WAN protocol=tcp \
    src-address-list=!ssh-knock1
add action=add-src-to-address-list address-list=ssh-spoiled \
    address-list-timeout=10s chain=input \
    comment="sesame door ssh: knock 3 out of turn resets the sequence" \
    dst-port=5003 in-interface-list=WAN protocol=tcp \
    src-address-list=!ssh-knock2
add action=jump chain=input comment="sesame door ssh: knocks of sources that di\
    d not knock out of turn" in-interface-list=WAN jump-target=ssh-knocks \
    src-address-list=!ssh-spoiled
add action=add-src-to-address-list address-list=ssh-knock1 \
    address-list-timeout=10s chain=ssh-knocks \
    comment="sesame door ssh: knock 1 of 3" dst-port=7311 \
    in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=ssh-knock2 \
    address-list-timeout=10s chain=ssh-knocks \
    comment="sesame door ssh: knock 2 of 3" dst-port=2749 \
    in-interface-list=WAN protocol=tcp src-address-list=ssh-knock1
add action=add-src-to-address-list address-list=ssh-secured \
    address-list-timeout=1h chain=ssh-knocks \
    comment="sesame door ssh: knock 3 of 3" dst-port=5003 \
    in-interface-list=WAN protocol=tcp src-address-list=ssh-knock2
add action=accept chain=input \
    comment="sesame door ssh: open to knocked sources" dst-port=22 \
    in-interface-list=WAN protocol=tcp src-address-list=ssh-secured
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=16h40m chain=input \
    comment="sesame blacklist: trap ports (no trusted user knocks them)" \
    dst-port=666,3389 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=1m chain=input \
    comment="sesame blacklist: scanned ports slow a scan down" \
    dst-port=21,23,8291,10000-60000 in-interface-list=WAN protocol=tcp \
    src-address-list=!ssh-secured
add action=drop chain=input comment="sesame: drop other input from outside (the\
    \_router's own drop; keep the rules above before it)" in-interface-list=WAN
