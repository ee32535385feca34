# Strings with every escape RouterOS has: quotes, backslashes, dollars, control characters, \XX bytes, \_ for space.
/interface list
add comment="quote \" backslash \\ dollar \$ tab \t end" name=WAN
add comment="caf\C3\A9 \E2\82\AC5 \CE\BB" name=LAN
/ip firewall layer7-protocol
add name=quoted regexp="^say \"open\_sesame\"\$"
add name=crlf regexp="^knock\r\n\$"
add comment="semicolon; equals= hash# brackets [] {} () backtick ` question?" name=specials regexp="^a.b?\$"
/ip firewall filter
add action=log chain=input comment="bell \07 and del \7F" log-prefix="KNOCK \"1\": " in-interface-list=WAN
add action=accept chain=input comment="" in-interface-list=LAN log-prefix=""
add action=accept chain=input comment="!not negation" in-interface-list=LAN
