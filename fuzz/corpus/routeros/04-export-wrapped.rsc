# 2025-05-31 13:46:45 by RouterOS 7.19.1
# software id = 1PZI-L5PH
#
# model = CCR1036-8G-2S+
# serial number = 91A508A06572
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
/ip firewall layer7-protocol
add comment="a pattern wrapped inside its string" name=words regexp="^(alpha|bra\
    vo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett|kilo|lima|mike|nov\
    ember)\$"
/ip firewall address-list
add address=192.168.88.0/24 comment="defconf: LAN" list=trusted
/ip firewall filter
add action=accept chain=input comment=\
    "defconf: accept established,related,untracked" connection-state=\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=\
    invalid
add action=add-src-to-address-list address-list=knock1 address-list-timeout=\
    10s chain=input dst-port=7000 in-interface-list=WAN protocol=tcp
add action=add-src-to-address-list address-list=secured \
    address-list-timeout=1h chain=input dst-port=8000 in-interface-list=WAN \
    protocol=tcp src-address-list=knock1
add action=accept chain=input comment="knocked clients" src-address-list=\
    secured
add action=drop chain=input comment="defconf: drop all not coming from LAN" \
    in-interface-list=!LAN
/system script
add dont-require-permissions=no name=grant policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":\
    local list \"secured\"\r\
    \n:foreach id in=[/ip firewall address-list find list=\$list] do={\r\
    \n    :log info (\"granted \" . [/ip firewall address-list get \$id address\
    ])\r\
    \n}"
/system scheduler
add interval=1h name=grant-hourly on-event=grant policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \
    start-time=startup
