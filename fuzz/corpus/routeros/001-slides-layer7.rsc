# Seed 001: "Port Knocking for Security" slides (LearnMikroTik), layer7 configuration, lines exactly as printed.
# The layer7 block wraps its lines without a trailing '\'; the filter block wraps with '\' and two blanks.
/ip firewall layer7-protocol  
add comment="" name=knock1  
    regexp="^supersecretpassword1\$"  
add comment="" name=knock2  
    regexp="^supersecretpassword2\$"
/ip firewall filter
add action=add-src-to-address-list address-list=temporary \  
    address-list-timeout=10s chain=input comment="" disabled=no dst-port=1234 \  
    layer7-protocol=knock1 protocol=udp  
add action=add-src-to-address-list address-list=secured address-list-timeout=\  
    10s chain=input comment="" disabled=no dst-port=4321 layer7-protocol=\  
    knock2 protocol=udp src-address-list=temporary  
add action=accept chain=input comment="" disabled=no src-address-list=secured  
add action=drop chain=input comment="" disabled=no
