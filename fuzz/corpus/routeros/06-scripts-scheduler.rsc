# Scripts from the new manual: braced sources with $variables, nested braces and quotes; a quoted source; schedulers.
/system script
add name=check-and-grant source={
    :local knockedIPs [/ip firewall address-list find list=knock2]
    :foreach id in=$knockedIPs do={
        :local ip [/ip firewall address-list get $id address]
        /ip firewall address-list add list=secured address=$ip timeout=30m comment="granted-by-script"
        /ip firewall address-list remove $id
        :log info "Port knock: granted access to $ip"
    }
}
add comment="stats for the log" name=log-knock-attempts policy=read,test source={
    :local stage1 [/ip firewall address-list find list=knock1]
    :log info ("Port knock stats: stage1=" . [:len $stage1])
}
add name=clean-knock-lists source=":foreach id in=[/ip firewall address-list find list=knock1] do={ /ip firewall address-list remove \$id }\r\n:log info \"Knock intermediate lists cleared\""
/system scheduler
add name=knock-logger interval=5m on-event=log-knock-attempts
add name=nightly-clean start-date=2026-01-01 start-time=03:00:00 interval=1d on-event=clean-knock-lists comment="every night"
add name=boot-note start-time=startup on-event=":log info \"booted\""
