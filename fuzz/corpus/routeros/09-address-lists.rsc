# Address lists: hosts, prefixes (host bits cleared on the way in), ranges, a DNS name, comments, dynamic entries.
/ip firewall address-list
add address=203.0.113.10 comment="office IP" list=admin-ips
add address=198.51.100.5 comment="home IP" disabled=yes list=admin-ips
add address=203.0.113.77/24 list=blocked
add address=198.51.100.0-198.51.100.255 list=blocked
add address=198.51.100.10-198.51.100.20 comment=range list=blocked
add address=scanner.example.com list=blocked
add address=192.0.2.1 list=secured timeout=30m
add address=192.0.2.2 dynamic=yes list=knock1
add address=192.0.2.3 comment="a list name with a space" list="port scanners"
add address=192.0.2.4 list=secured timeout=1d2h
/ip firewall filter
add action=drop chain=input src-address-list=blocked
add action=accept chain=input src-address-list=admin-ips
add action=accept chain=input src-address-list="port scanners"
