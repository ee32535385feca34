# Sesame example: the slides' passphrase door. Two UDP knocks, each must carry its passphrase
# (Layer7 matches the payload, case-insensitively); then the source is secured.
/ip firewall layer7-protocol
add name=knock1 regexp="^supersecretpassword1\$"
add name=knock2 regexp="^supersecretpassword2\$"
/ip firewall filter
add action=add-src-to-address-list address-list=temporary address-list-timeout=10s chain=input dst-port=1234 layer7-protocol=knock1 protocol=udp
add action=add-src-to-address-list address-list=secured address-list-timeout=10s chain=input dst-port=4321 layer7-protocol=knock2 protocol=udp src-address-list=temporary
add action=accept chain=input src-address-list=secured
add action=drop chain=input
