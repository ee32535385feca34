# Names with blanks, negated: the '!' stays outside the quotes, as the exporter writes it. Printed script and scheduler
# properties (owner, run-count, next-run) read back; the read-only ones are dropped.
/interface list
add name="my wan"
add name="all but wan" include=all exclude="my wan"
/interface list member
add interface=ether1 list="my wan"
/ip firewall filter
add action=add-src-to-address-list address-list="stage one" address-list-timeout=30s chain=input dst-port=888 \
    in-interface-list="my wan" protocol=tcp src-address-list=!"stage one"
add action=accept chain=input in-interface-list=!"all but wan" src-address-list="trusted hosts"
add action=drop chain=input in-interface-list="my wan" src-address-list=!"trusted hosts" tcp-flags=syn,!ack protocol=tcp
/system script
add dont-require-permissions=no name="grant access" owner=admin policy=read,write,test run-count=4 source=":log info granted"
/system scheduler
add interval=1h name=hourly on-event="grant access" owner=admin policy=read,write,test run-count=2 next-run=13:00:00 \
    start-date=2026-01-31 start-time=startup
