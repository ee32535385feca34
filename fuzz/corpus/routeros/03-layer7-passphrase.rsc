# A UDP first knock that must carry a passphrase; the pattern's $ escaped as the new manual says.
/interface list
add name=WAN
/ip firewall layer7-protocol
add name=pass regexp="^passphrase\$"
add comment="l7-filter style hex escape" name=bittorrent regexp="^(\\x13bittorrent protocol|azver\\x01\$|get /scrape\\?info_hash=)"
/ip firewall filter
add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN layer7-protocol=pass protocol=udp
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=knock1
add action=accept chain=input in-interface-list=WAN src-address-list=secured
add action=drop chain=forward layer7-protocol=bittorrent
add action=drop chain=input in-interface-list=WAN
