# Seed 002: blog "Implementing Port Knocking on MikroTik Routers". Command lines copied verbatim.
# Context the document assumes: interface lists WAN (ether1) and LAN (bridge), as a default configuration has them.
/interface list
add name=WAN
add name=LAN
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
# Context: a RouterOS v7 default configuration's filter rules. RouterOS v7 prints a dynamic "special dummy rule to
# show fasttrack counters" (a passthrough) as rule 0 - the "passthrough rule" the blog places its rules after. A script
# cannot add a dynamic rule, so a static passthrough stands in for it and the blog's place-before numbers keep their meaning.
/ip firewall filter
add action=passthrough chain=forward comment="special dummy rule to show fasttrack counters"
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=accept chain=input comment="defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related hw-offload=yes
add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
# Context: the blog opens a new terminal, whose prompt is at the root.
/
ip firewall filter
pr
add chain=input action=add-src-to-address-list address-list=333 dst-port=333 protocol=tcp address-list-timeout=30s in-interface-list=WAN place-before=2   
add chain=input action=add-src-to-address-list address-list=777 dst-port=777 protocol=tcp address-list-timeout=30s src-address-list=333 in-interface-list=WAN place-before=3 
add chain=input action=add-src-to-address-list src-address-list=777 dst-port=888 address-list=secure protocol=tcp address-list-timeout=30m in-interface-list=WAN place-before=4
add chain=input action=accept in-interface=WAN src-address-list=secured place-before=5
add chain=input action=drop in-interface-list=WAN src-address-list=blacklist place-before=1 
# The blog's page wraps this line inside "place-before" ("place-befor" / "e=1"); joined here.
add chain=input action=add-src-to-address-list protocol=tcp address-list=blacklist address-list-timeout=1000m in-interface-list=WAN dst-port=666 place-before=1
