# Seed 004: MikroTik manual (new), the alternatives to port knocking: VPN-first access and IP allowlisting.
# With WireGuard: only expose VPN port, all management via tunnel
/interface wireguard add name=wg-admin listen-port=51820
/ip firewall filter add chain=input protocol=udp dst-port=51820 action=accept comment="WireGuard VPN"
/ip firewall filter add chain=input in-interface=wg-admin action=accept comment="accept management via VPN"
# IP allowlisting.
/ip firewall address-list add list=admin-ips address=203.0.113.10 comment="office IP"
/ip firewall address-list add list=admin-ips address=198.51.100.5 comment="home IP"
/ip firewall filter add chain=input src-address-list=admin-ips action=accept comment="allow admin IPs"
/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop comment="drop all other SSH"
