# Items edited after they were added: place-before, set and unset, move, disable/enable, comment, remove.
/interface list
add name=WAN
/ip firewall filter
add action=accept chain=input connection-state=established,related
add action=drop chain=input in-interface-list=WAN comment="drop the rest"
print
add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 in-interface-list=WAN protocol=tcp place-before=1
add action=accept chain=input src-address-list=secured place-before="drop the rest"
add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=222 protocol=tcp src-address-list=knock1 place-before=[find comment="drop the rest"]
print
set 0 connection-state=established,related,untracked
set 3 !dst-port !protocol comment="knock 2, any port"
disable 0
enable 0
comment 1 "knocked"
move 1 0
print
remove 1
add action=log chain=forward log-prefix=fwd
