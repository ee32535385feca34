#!/usr/bin/env bash
# Sesame and knockd side by side in network namespaces (issue 3). Run by hand as root, never in CI:
#   sudo bench/netns/run.sh            # sizes below; override any of them in the environment
# Writes a Markdown table to stdout and to bench/netns/RESULTS.md. See bench/netns/README.md.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

LAT_COUNT=${LAT_COUNT:-200}          # (a) knock sequences per daemon
FLOOD_SECONDS=${FLOOD_SECONDS:-20}   # (b) length of each flood (long enough to overfill a 1 Mi set at ~80k pkt/s)
FLOOD_THREADS=${FLOOD_THREADS:-2}    # (b) sending threads in the flooder namespace
FLOOD_KNOCKS=${FLOOD_KNOCKS:-50}     # (b) legitimate sequences sent during each flood
K_LIST=${K_LIST:-"10 100 1000"}      # (c) interleaved knockers
SCANS=${SCANS:-100}                  # (d) nmap scans per configuration ...
SCAN_BUDGET=${SCAN_BUDGET:-300}      # (d) ... or fewer if this many seconds run out first
NMAP_EXTRA=${NMAP_EXTRA:-"--min-rate 50000"}  # (d) without it one scan of the dropped ports took 123 s here
ONLY=${ONLY:-"knockd sesame"}        # daemons to measure
SECTIONS=${SECTIONS:-"a b c d e"}    # parts of the issue to run (e: Sesame with a full first-knock set)
# Only a run of everything replaces RESULTS.md (the README's figures); a partial run writes RESULTS-partial.md.
if [ "$SECTIONS" = "a b c d e" ] && [ "$ONLY" = "knockd sesame" ]; then results="$here/RESULTS.md"; else results="$here/RESULTS-partial.md"; fi
PAUSE=${PAUSE:-0}                    # seconds to wait before cleaning up (to look around by hand)

[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, raw sockets)" >&2; exit 1; }
for tool in ip nft knockd nmap dotnet timeout; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install iproute2 nftables knockd nmap)" >&2; exit 1; }
done

id=$$
SRV=snb-srv-$id; CLI=snb-cli-$id; FLD=snb-fld-$id
SERVER=10.204.0.1
work=$(mktemp -d /tmp/sesame-netbench.XXXXXX)
pids=()            # every background process this script starts, ended by PID on exit
daemon_pid=""

log() { echo "[$(date +%T)] $*" >&2; }

cleanup() {
  trap - EXIT INT TERM
  [ "$PAUSE" -gt 0 ] && { log "pausing ${PAUSE}s: $SRV $CLI $FLD, work dir $work"; sleep "$PAUSE"; }
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do timeout 5 tail --pid="$p" -f /dev/null 2>/dev/null; kill -9 "$p" 2>/dev/null; done
  for ns in "$SRV" "$CLI" "$FLD"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building Sesame.NetBench and sesame (Release)"
dotnet build "$repo/bench/Sesame.NetBench" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build "$repo/src/Sesame.Cli" -c Release -v q -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
NB="$repo/bench/Sesame.NetBench/bin/Release/net10.0/Sesame.NetBench"
SESAME="$repo/src/Sesame.Cli/bin/Release/net10.0/sesame"

in_srv() { ip netns exec "$SRV" "$@"; }
in_cli() { ip netns exec "$CLI" "$@"; }
# Background processes start through nsenter, which execs in place, so that $! is the process itself (to measure its
# CPU and end it by PID); ip netns exec left its child behind here.
bg_in() { local ns=$1; shift; exec nsenter --net="/run/netns/$ns" -- "$@"; }

log "topology: $SRV (bridge ether1, $SERVER), $CLI (10.204.0.2, sources 10.206.0.0/16), $FLD (10.204.0.3)"
for ns in "$SRV" "$CLI" "$FLD"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$SRV" link add ether1 type bridge
ip -n "$SRV" addr add "$SERVER/16" dev ether1
ip -n "$SRV" link add pc type veth peer name c0 netns "$CLI"
ip -n "$SRV" link add pf type veth peer name f0 netns "$FLD"
for port in pc pf; do ip -n "$SRV" link set "$port" master ether1 up; done
ip -n "$SRV" link set ether1 up
# Spoofed sources must reach the firewall: no reverse-path filter in the server.
in_srv sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv4.conf.ether1.rp_filter=0
ip -n "$CLI" addr add 10.204.0.2/16 dev c0
ip -n "$CLI" link set c0 up
# Every address of 10.206.0.0/16 is local in the client (a prefix on lo), so each knocker binds its own source; the
# server reaches them through 10.204.0.2, one neighbour entry instead of one per source.
ip -n "$CLI" addr add 10.206.0.0/16 dev lo
ip -n "$SRV" route add 10.206.0.0/16 via 10.204.0.2
ip -n "$FLD" addr add 10.204.0.3/16 dev f0
ip -n "$FLD" link set f0 up
bg_in "$SRV" "$NB" listen --bind "$SERVER" --port 22 --seconds 3600 >"$work/listen.log" 2>&1 &
pids+=($!)
reachable() { ip netns exec "$1" timeout 1 bash -c "exec 3<>/dev/tcp/$SERVER/22" 2>/dev/null; }
for _ in $(seq 50); do reachable "$CLI" && break; sleep 0.1; done
reachable "$CLI" && reachable "$FLD" || { echo "topology: the service is not reachable" >&2; exit 1; }

# The knockd side: the same door; knockd's start_command puts the address in a set that one rule accepts.
cat >"$work/knockd.nft" <<EOF
table inet knockd {
  set allowed { type ipv4_addr; flags timeout; timeout 30m; }
  chain input {
    type filter hook input priority 0; policy accept;
    iifname "ether1" ip saddr @allowed accept
    iifname "ether1" drop
  }
}
EOF
cat >"$work/knockd.conf" <<EOF
[options]
  LogFile = $work/knockd.log
  Interface = ether1
[door]
  sequence = 888:tcp,555:tcp,222:tcp
  seq_timeout = 30
  tcpflags = syn
  start_command = /usr/sbin/nft add element inet knockd allowed { %IP% }
EOF

wait_gone() { timeout 10 tail --pid="$1" -f /dev/null 2>/dev/null || kill -9 "$1" 2>/dev/null; }

start_daemon() { # $1 = knockd | sesame, $2 = Sesame config
  case "$1" in
    knockd)
      in_srv nft -f "$work/knockd.nft"
      : >"$work/knockd.log"
      bg_in "$SRV" knockd -c "$work/knockd.conf" -i ether1 >"$work/knockd.out" 2>&1 &
      daemon_pid=$!
      for _ in $(seq 100); do grep -q 'listening' "$work/knockd.log" 2>/dev/null && break; sleep 0.05; done
      ;;
    sesame)
      bg_in "$SRV" "$SESAME" serve "$2" --remove-on-exit >"$work/sesame.out" 2>&1 &
      daemon_pid=$!
      for _ in $(seq 200); do in_srv nft list chain inet sesame v4_input >/dev/null 2>&1 && break; sleep 0.05; done
      ;;
  esac
  pids+=("$daemon_pid")
  sleep 0.5
  kill -0 "$daemon_pid" 2>/dev/null || { echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1; }
}

stop_daemon() { # $1 = knockd | sesame
  kill "$daemon_pid" 2>/dev/null
  wait_gone "$daemon_pid"
  in_srv nft delete table inet "$1" 2>/dev/null
  daemon_pid=""
}

cpu_ticks() { # utime + stime + cutime + cstime of a PID (knockd's start_command children count as knockd's work)
  awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
rx_packets() { in_srv cat /sys/class/net/ether1/statistics/rx_packets 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
declare -A R

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# The floor of (a): the same knocks and probe with no firewall in the server at all.
case " $SECTIONS " in *" a "*)
  R[none,lat]=$(in_cli "$NB" latency --server "$SERVER" --count "$LAT_COUNT" --first-source 10.206.8.1 --timeout-ms 2000)
  log "no firewall: ${R[none,lat]}" ;;
esac
for d in $ONLY; do
  log "== $d"
  # (a) last knock -> connect latency
  case " $SECTIONS " in *" a "*) ;; *) false ;; esac && {
  start_daemon "$d" "$here/door.rsc"
  out=$(in_cli "$NB" latency --server "$SERVER" --count "$LAT_COUNT" --first-source 10.206.16.1 --timeout-ms 2000)
  log "$d latency: $out"
  R[$d,lat]=$out
  stop_daemon "$d"
  }

  # (b) legitimate knocks during a spoofed flood, two kinds
  for kind in random knock1; do
    case " $SECTIONS " in *" b "*) ;; *) continue ;; esac
    start_daemon "$d" "$here/door.rsc"
    sleep 2 # start-up work (JIT, the first look at the sets) is not the flood's
    c0=$(cpu_ticks "$daemon_pid"); read -r mb0 mt0 < <(machine_ticks); t0=$(date +%s.%N); rx0=$(rx_packets)
    bg_in "$FLD" "$NB" flood --server "$SERVER" --kind "$kind" --port 888 --seconds "$FLOOD_SECONDS" \
      --threads "$FLOOD_THREADS" >"$work/flood.out" 2>&1 &
    fpid=$!; pids+=("$fpid")
    if [ "$d" = sesame ] && [ "$kind" = knock1 ]; then
      # Count the first-knock set just before the flood ends (entries live 30 s; a later count would miss the first ones).
      ( sleep "$((FLOOD_SECONDS - 1))"; in_srv timeout 120 nft list set inet sesame v4_888 | grep -o 'expires' | wc -l >"$work/elems" ) &
      pids+=($!)
    fi
    sleep 1
    gap=$(awk -v s="$FLOOD_SECONDS" -v n="$FLOOD_KNOCKS" 'BEGIN { printf "%.0f", (s - 3) * 1000 / n }')
    out=$(in_cli "$NB" latency --server "$SERVER" --count "$FLOOD_KNOCKS" --first-source 10.206.32.1 \
      --timeout-ms 1000 --gap-ms "$gap")
    wait "$fpid"
    c1=$(cpu_ticks "$daemon_pid"); read -r mb1 mt1 < <(machine_ticks); t1=$(date +%s.%N); rx1=$(rx_packets)
    rxpps=$(awk -v a="$rx0" -v b="$rx1" -v s="$(kv seconds "$(cat "$work/flood.out")")" 'BEGIN { printf "%.0f", (b - a) / s }')
    flood=$(cat "$work/flood.out")
    cpu=$(awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / (t1 - t0) }')
    busy=$(awk -v a="$mb0" -v b="$mb1" -v c="$mt0" -v e="$mt1" 'BEGIN { printf "%.0f", 100 * (b - a) / (e - c) }')
    elems=""
    if [ "$d" = sesame ] && [ "$kind" = knock1 ]; then
      for _ in $(seq 240); do [ -s "$work/elems" ] && break; sleep 0.5; done
      elems=$(cat "$work/elems" 2>/dev/null); rm -f "$work/elems"
      emptied=$(grep -a -c 'event=set-full list=888 .*action=emptied' "$work/sesame.out")
      elems="$elems;emptied=$emptied"
    fi
    log "$d flood $kind: $flood rx_pps=$rxpps | legit: $out | daemon cpu ${cpu}% | machine busy ${busy}% | v4_888 elements: ${elems:--}"
    R[$d,$kind]="$flood rx_pps=$rxpps $out cpu=$cpu busy=$busy elems=$elems"
    stop_daemon "$d"
  done

  # (e) Sesame only: what a full first-knock set does. The set is filled from userspace with spoofed-looking addresses
  # (100.64.0.0 onwards, 2 min timeout) to its 1,048,576 entries, with no flood running; then 10 legitimate sequences.
  # The first knock that finds the set full is refused by the kernel, which tells the daemon; the daemon empties the
  # knock-stage set (docs/serve.md, "Full sets").
  if [ "$d" = sesame ]; then case " $SECTIONS " in *" e "*)
    start_daemon sesame "$here/door.rsc"
    awk 'BEGIN { n = 1048576; per = 16384
      for (i = 0; i < n; i += per) {
        printf "add element inet sesame v4_888 { "
        for (j = i; j < i + per && j < n; j++) printf "%s100.%d.%d.%d timeout 2m", (j > i ? ", " : ""), 64 + int(j / 65536), int(j / 256) % 256, j % 256
        print " }" } }' >"$work/fill.nft"
    fill_start=$(date +%s.%N)
    in_srv nft -f "$work/fill.nft" 2>"$work/fill.err"
    fill_took=$(awk -v a="$fill_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    one_more=$(in_srv nft add element inet sesame v4_888 '{ 100.80.0.1 timeout 2m }' 2>&1 | head -1 | sed 's/^Error: //; s/[|]/\\|/g')
    # The kernel refuses an element beyond a set's size with ENFILE, which nft prints as "Too many open files in system".
    out=$(in_cli "$NB" latency --server "$SERVER" --count 10 --first-source 10.206.48.1 --timeout-ms 1000 --gap-ms 100 --warm-up 0)
    emptied=$(grep -a 'event=set-full list=888' "$work/sesame.out" | head -1 | sed 's/^sesame //')
    log "sesame full set: filled in ${fill_took}s; one more element: ${one_more:-accepted}; knocks: $out; daemon: ${emptied:-nothing}"
    R[sesame,full]="$(kv granted "$out")/$(kv knocks "$out") granted; \`nft add\` of one more: ${one_more:-accepted}; the daemon: \`${emptied:-nothing}\`"
    stop_daemon sesame
  ;; esac; fi

  # (c) K interleaved knockers
  block=64
  for k in $K_LIST; do
    case " $SECTIONS " in *" c "*) ;; *) continue ;; esac
    start_daemon "$d" "$here/door.rsc"
    out=$(in_cli "$NB" interleaved --server "$SERVER" --k "$k" --first-source "10.206.$block.1" --grant-timeout-s 5)
    log "$d interleaved: $out"
    R[$d,k$k]=$(kv granted "$out")
    block=$((block + 8))
    stop_daemon "$d"
  done

  # (d) full nmap SYN scans in random order; the door's state is reset between scans
  configs="door"; [ "$d" = sesame ] && configs="door door-blacklist"
  for cfg in $configs; do
    case " $SECTIONS " in *" d "*) ;; *) continue ;; esac
    start_daemon "$d" "$here/$cfg.rsc"
    opened=0; scans=0; begin=$(date +%s)
    while [ "$scans" -lt "$SCANS" ] && [ $(( $(date +%s) - begin )) -lt "$SCAN_BUDGET" ]; do
      if [ "$d" = knockd ]; then
        stop_daemon knockd; start_daemon knockd
      else
        for s in v4_888 v4_555 v4_secured v4_blacklist; do in_srv nft flush set inet sesame "$s" 2>/dev/null; done
      fi
      # shellcheck disable=SC2086
      in_cli timeout 120 nmap -sS -p- -T5 --max-retries 0 -Pn -n $NMAP_EXTRA "$SERVER" >"$work/nmap.out" 2>&1
      scans=$((scans + 1))
      sleep 0.2
      if in_cli timeout 1 bash -c "exec 3<>/dev/tcp/$SERVER/22" 2>/dev/null; then opened=$((opened + 1)); fi
    done
    took=$(( $(date +%s) - begin ))
    log "$d $cfg: $opened of $scans scans opened the door (${took}s)"
    R[$d,$cfg]="$opened of $scans (${took}s, $(awk -v t="$took" -v n="$scans" 'BEGIN { printf "%.1f", t / n }') s/scan)"
    stop_daemon "$d"
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

cell() { # daemon, key, field
  local v=${R[$1,$2]:-}
  [ -n "$v" ] && kv "$3" "$v" || echo "n/a"
}
flood_cell() { # daemon, kind
  local v=${R[$1,$2]:-}
  [ -z "$v" ] && { echo "n/a"; return; }
  echo "$(kv granted "$v")/$(kv knocks "$v"); sent $(kv pps "$v") pkt/s, $(kv rx_pps "$v") reached ether1; daemon CPU $(kv cpu "$v")% (machine $(kv busy "$v")%)"
}
{
  echo "# Sesame and knockd in network namespaces — measured $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(uname -r); load average $load_start at the start, $load_end at the end."
  echo "Sizes: $LAT_COUNT sequences for (a); ${FLOOD_SECONDS}s floods with $FLOOD_THREADS sending threads and $FLOOD_KNOCKS legitimate sequences each (one SYN per knock, 1 s to connect);"
  echo "K = $K_LIST; up to $SCANS nmap scans or ${SCAN_BUDGET}s per configuration (\`nmap -sS -p- -T5 --max-retries 0 -Pn -n $NMAP_EXTRA\`)."
  echo
  echo "| measure | knockd | Sesame | target (Sesame) |"
  echo "|---|---|---|---|"
  echo "| (a) last knock → connect, p50 | $(cell knockd lat p50_ms) ms | $(cell sesame lat p50_ms) ms | |"
  echo "| (a) last knock → connect, p99 | $(cell knockd lat p99_ms) ms | $(cell sesame lat p99_ms) ms | ≤ 1 ms |"
  echo "| (a) the same probe with no firewall at all, p50 / p99 | $(cell none lat p50_ms) / $(cell none lat p99_ms) ms | (same) | |"
  echo "| (a) sequences granted | $(cell knockd lat granted)/$(cell knockd lat knocks) | $(cell sesame lat granted)/$(cell sesame lat knocks) | all |"
  echo "| (b) SYN/UDP flood to random ports: legit knocks granted | $(flood_cell knockd random) | $(flood_cell sesame random) | 100%, CPU ≤ 5% |"
  echo "| (b) SYN flood to the first knock port: legit knocks granted | $(flood_cell knockd knock1) | $(flood_cell sesame knock1) | 100%, CPU ≤ 5% |"
  e=$(cell sesame knock1 elems)
  echo "| (b) Sesame's set v4_888 (size 1,048,576) during that flood | | ${e%%;*} elements 1 s before the end; emptied by the daemon ${e##*emptied=} times | a full set must not refuse real knocks |"
  echo "| (e) Sesame with v4_888 filled to its 1,048,576 entries, no flood: 10 new legitimate sequences, 100 ms apart | | ${R[sesame,full]:-n/a} | |"
  for k in $K_LIST; do
    echo "| (c) K = $k interleaved knockers granted | ${R[knockd,k$k]:-n/a}/$k | ${R[sesame,k$k]:-n/a}/$k | $k/$k |"
  done
  echo "| (d) scans that opened the 3-step door, no blacklist | ${R[knockd,door]:-n/a} | ${R[sesame,door]:-n/a} | |"
  echo "| (d) the same with the seeds' blacklist | (knockd has none) | ${R[sesame,door-blacklist]:-n/a} | 0 |"
} | tee "$results"
