# Interface lists that include and exclude other lists, and members in several lists.
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
add name=VPN
add include=WAN,VPN name=outside
add exclude=LAN include=all name="not LAN"
/interface list member
add interface=ether1 list=WAN
add disabled=yes interface=pppoe-out1 list=WAN
add comment="office bridge" interface=bridge list=LAN
add interface=wg-admin list=VPN
/ip firewall filter
add action=accept chain=input in-interface-list=VPN
add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=outside protocol=tcp
add action=drop chain=forward in-interface-list="not LAN" out-interface-list=LAN
add action=drop chain=input in-interface-list=!LAN
