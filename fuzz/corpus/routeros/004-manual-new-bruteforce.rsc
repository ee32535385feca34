# Seed 004: MikroTik manual (new), brute-force prevention (complementary to port knocking). Lines as printed.
/ip firewall filter
add chain=input protocol=tcp dst-port=22 connection-state=new \
    src-address-list=ssh-brute action=drop comment="drop ssh bruteforce"
add chain=input protocol=tcp dst-port=22 connection-state=new \
    action=add-src-to-address-list address-list=ssh-brute \
    address-list-timeout=30m connection-limit=3,32 comment="detect ssh bruteforce"
