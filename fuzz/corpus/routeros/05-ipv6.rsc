# The same knock for IPv6: separate address lists and rules under /ipv6.
/interface list
add name=WAN
/interface list member
add interface=ether1 list=WAN
/ip firewall address-list
add address=203.0.113.10 list=secured
/ipv6 firewall address-list
add address=2001:db8::10 list=secured
add address=2001:db8:1::/48 comment=lab disabled=yes list=secured
add address=2001:db8:2::1/64 list=lab-prefixes
add address=2001:db8::99 list=knock1 timeout=30s
add address=2001:db8::98 dynamic=yes list=knock1
/ipv6 firewall filter
add action=accept chain=input connection-state=established,related,untracked
add action=accept chain=input protocol=icmpv6
add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=7000 in-interface-list=WAN protocol=udp
add action=add-src-to-address-list address-list=secured address-list-timeout=1h chain=input dst-port=8000 in-interface-list=WAN protocol=tcp src-address-list=knock1
add action=accept chain=input dst-port=22 protocol=tcp src-address-list=secured
add action=drop chain=input dst-address=!fe80::/10 in-interface-list=WAN src-address=2001:db8::/32
add action=drop chain=input in-interface-list=WAN
