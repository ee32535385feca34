# /etc/sesame/sesame.rsc: the configuration `sesame serve` enforces (the sesame service reads this file).
#
# An example to adapt, not a default to start as it is: it shuts every port of the interface named below to anyone who
# has not knocked. Before `systemctl enable --now sesame`:
#   1. put your Internet-facing interface in place of eth0 below (`ip -br link` lists them);
#   2. choose your own knock ports and write them down where you will find them when locked out;
#   3. run `sesame check /etc/sesame/sesame.rsc` (exit 0: usable) and, from another machine, try the knock;
#   4. keep a console (or a second, already open SSH session) at hand: established connections stay open, new ones
#      need the knock.
# The service never starts by itself after the package is installed.
#
# The door is the one from the RouterOS port-knocking guides: knock TCP 888, then 555, then 222, each within 30 s of
# the previous, and the knocking address may open any port for 30 minutes:
#     sesame knock SERVER 888 555 222
# (or `knock SERVER 888 555 222` from Debian's knockd package, or nmap, one port at a time.) A blacklist catches
# scanners: port 666 blocks the source for 1000 minutes, the usual scan targets for one minute.
# The syntax is RouterOS's (`man sesame`, /usr/share/doc/sesame); IPv4 and IPv6 are filtered apart, as on RouterOS, so
# the door is written once for each.

/interface list
add name=WAN
/interface list member
# The interface facing the Internet; every rule below applies to it only (loopback and other interfaces are untouched).
add interface=eth0 list=WAN

/ip firewall filter
add action=drop chain=input comment="blacklisted sources: everything dropped" in-interface-list=WAN src-address-list=blacklist
add action=accept chain=input comment="replies and open connections (your current SSH session stays)" connection-state=established,related in-interface-list=WAN
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input comment="knock 1" dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input comment="knock 2" dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input comment="knock 3" dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input comment="knocked: all input accepted" in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input comment="trap port" dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input comment="scanned ports" dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
add action=accept chain=input comment="ping and path-MTU discovery" in-interface-list=WAN protocol=icmp
add action=drop chain=input comment="all other input from WAN dropped" in-interface-list=WAN

/ipv6 firewall filter
add action=drop chain=input comment="blacklisted sources: everything dropped" in-interface-list=WAN src-address-list=blacklist
add action=accept chain=input comment="replies and open connections" connection-state=established,related in-interface-list=WAN
add action=accept chain=input comment="neighbour discovery, ping, path-MTU discovery: IPv6 does not work without them" in-interface-list=WAN protocol=icmpv6
add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input comment="knock 1" dst-port=888 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input comment="knock 2" dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input comment="knock 3" dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
add action=accept chain=input comment="knocked: all input accepted" in-interface-list=WAN src-address-list=secured
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input comment="trap port" dst-port=666 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=blacklist address-list-timeout=1m chain=input comment="scanned ports" dst-port=21,22,23,8291,10000-60000 in-interface-list=WAN protocol=tcp src-address-list=!secured
add action=drop chain=input comment="all other input from WAN dropped" in-interface-list=WAN
