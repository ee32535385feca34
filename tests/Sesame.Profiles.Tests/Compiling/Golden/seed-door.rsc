# sesame export
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
/ip firewall filter
add action=drop chain=input comment="sesame blacklist: drop listed sources; ena\
    ble after a successful knock" disabled=yes in-interface-list=WAN \
    src-address-list=blacklist
add action=add-src-to-address-list address-list=888 address-list-timeout=30s \
    chain=input comment="sesame door admin: knock 1 of 3" dst-port=888 \
    in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s \
    chain=input comment="sesame door admin: knock 2 of 3" dst-port=555 \
    in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured \
    address-list-timeout=30m chain=input \
    comment="sesame door admin: knock 3 of 3" dst-port=222 \
    in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input \
    comment="sesame door admin: all input from knocked sources" \
    in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=16h40m chain=input comment="sesame blacklist: trap por\
    ts (no trusted user knocks them); enable after a successful knock" \
    disabled=yes dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=1m chain=input comment="sesame blacklist: scanned port\
    s slow a scan down; enable after a successful knock" disabled=yes \
    dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp \
    src-address-list=!secured
add action=drop chain=input comment="sesame: drop other input from outside (the\
    \_router's own drop; keep the rules above before it)" in-interface-list=WAN
/ipv6 firewall filter
add action=drop chain=input comment="sesame blacklist: drop listed sources; ena\
    ble after a successful knock" disabled=yes in-interface-list=WAN \
    src-address-list=blacklist
add action=accept chain=input comment="sesame: ICMPv6 (neighbour discovery is I\
    Pv6's ARP; it opens no port)" protocol=icmpv6
add action=add-src-to-address-list address-list=888 address-list-timeout=30s \
    chain=input comment="sesame door admin: knock 1 of 3" dst-port=888 \
    in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s \
    chain=input comment="sesame door admin: knock 2 of 3" dst-port=555 \
    in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured \
    address-list-timeout=30m chain=input \
    comment="sesame door admin: knock 3 of 3" dst-port=222 \
    in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input \
    comment="sesame door admin: all input from knocked sources" \
    in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=16h40m chain=input comment="sesame blacklist: trap por\
    ts (no trusted user knocks them); enable after a successful knock" \
    disabled=yes dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist \
    address-list-timeout=1m chain=input comment="sesame blacklist: scanned port\
    s slow a scan down; enable after a successful knock" disabled=yes \
    dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp \
    src-address-list=!secured
add action=drop chain=input comment="sesame: drop other input from outside (the\
    \_router's own drop; keep the rules above before it)" in-interface-list=WAN
