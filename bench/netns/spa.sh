#!/usr/bin/env bash
# Sesame's SPA door beside the stock fwknopd (pcap mode and UDP-server mode), in network namespaces (issue 11).
# Run by hand as root, never in CI:
#   sudo bench/netns/spa.sh                  # sizes below; override any of them in the environment
# Writes a Markdown table to stdout and to bench/netns/SPA-RESULTS.md. See bench/netns/README.md ("SPA").
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

LAT_COUNT=${LAT_COUNT:-200}          # (a) SPA packets per daemon, each from its own source
FLOOD_SECONDS=${FLOOD_SECONDS:-20}   # (b) length of each flood
FLOOD_THREADS=${FLOOD_THREADS:-2}    # (b) sending threads in the flooder namespace
FLOOD_KNOCKS=${FLOOD_KNOCKS:-50}     # (b) legitimate SPA packets sent during each flood
ONLY=${ONLY:-"fwknopd-pcap fwknopd-udp sesame"}  # daemons to measure
SECTIONS=${SECTIONS:-"a b"}
if [ "$SECTIONS" = "a b" ] && [ "$ONLY" = "fwknopd-pcap fwknopd-udp sesame" ]; then results="$here/SPA-RESULTS.md"; else results="$here/SPA-RESULTS-partial.md"; fi
PAUSE=${PAUSE:-0}
LOGS=${LOGS:-}                       # a directory to keep each daemon's output in (one file per start)

[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, raw sockets)" >&2; exit 1; }
for tool in ip nft iptables fwknopd dotnet timeout nsenter; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install iproute2 nftables iptables fwknop-server)" >&2; exit 1; }
done

id=$$
SRV=spb-srv-$id; CLI=spb-cli-$id; FLD=spb-fld-$id
SERVER=10.204.0.1
SPA_PORT=62201
work=$(mktemp -d /tmp/sesame-spabench.XXXXXX)
chmod 700 "$work"
pids=()
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
# nsenter execs in place, so $! is the daemon itself (its CPU is measured and it is ended by that PID).
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
in_srv sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv4.conf.ether1.rp_filter=0
ip -n "$CLI" addr add 10.204.0.2/16 dev c0
ip -n "$CLI" link set c0 up
ip -n "$CLI" addr add 10.206.0.0/16 dev lo
ip -n "$SRV" route add 10.206.0.0/16 via 10.204.0.2
ip -n "$FLD" addr add 10.204.0.3/16 dev f0
ip -n "$FLD" link set f0 up
bg_in "$SRV" "$NB" listen --bind "$SERVER" --port 22 --seconds 7200 >"$work/listen.log" 2>&1 &
pids+=($!)
reachable() { ip netns exec "$1" timeout 1 bash -c "exec 3<>/dev/tcp/$SERVER/22" 2>/dev/null; }
for _ in $(seq 50); do reachable "$CLI" && break; sleep 0.1; done
reachable "$CLI" && reachable "$FLD" || { echo "topology: the service is not reachable" >&2; exit 1; }

# One key pair for every daemon, written by sesame keygen (0600).
"$SESAME" keygen --out "$work/spa.keys" || exit 1
KEY=$(awk '/^KEY_BASE64/ { print $2 }' "$work/spa.keys")
HMAC=$(awk '/^HMAC_KEY_BASE64/ { print $2 }' "$work/spa.keys")

# fwknopd: its own config, access file, PID file, digest cache and run directory; iptables (nf_tables back end)
# inside the server namespace; the service port dropped on ether1 behind fwknopd's jump (which it inserts first).
# Timing knobs are fwknopd's defaults (pcap mode: PCAP_LOOP_SLEEP 100 ms, PCAP_DISPATCH_COUNT 0).
write_fwknopd_conf() { # $1 = Y for the UDP-server mode
  cat >"$work/fwknopd.conf" <<EOF
PCAP_INTF               ether1;
FWKNOP_RUN_DIR          $work;
FIREWALL_EXE            $(command -v iptables);
ENABLE_UDP_SERVER       $1;
UDPSERV_PORT            $SPA_PORT;
EOF
  cat >"$work/access.conf" <<EOF
SOURCE              ANY
KEY_BASE64          $KEY
HMAC_KEY_BASE64     $HMAC
OPEN_PORTS          tcp/22
FW_ACCESS_TIMEOUT   300
EOF
  chmod 600 "$work/fwknopd.conf" "$work/access.conf"
}

# Sesame: the same door as a profile (SPA port 62201 on ether1, tcp/22 for 5 min, the same keys).
cp "$work/spa.keys" "$work/alice.keys"
cat >"$work/door.yaml" <<EOF
interfaces:
  outside: [ether1]
doors:
  - name: bench
    open: [22]
    open_for: 5m
    spa:
      port: $SPA_PORT
      users:
        - name: alice
          source: any
          keys: alice.keys
EOF

wait_gone() { timeout 10 tail --pid="$1" -f /dev/null 2>/dev/null || kill -9 "$1" 2>/dev/null; }

start_daemon() { # $1 = fwknopd-pcap | fwknopd-udp | sesame
  case "$1" in
    fwknopd-*)
      if [ "$1" = fwknopd-udp ]; then write_fwknopd_conf Y; ready="Kicking off UDP server"; else write_fwknopd_conf N; ready="Starting fwknopd main event loop"; fi
      rm -f "$work/digest.cache"
      in_srv iptables -A INPUT -i ether1 -p tcp --dport 22 -j DROP
      bg_in "$SRV" fwknopd -f -c "$work/fwknopd.conf" -a "$work/access.conf" -i ether1 -p "$work/fwknopd.pid" \
        -d "$work/digest.cache" -r "$work" >"$work/$1.out" 2>&1 &
      daemon_pid=$!
      for _ in $(seq 200); do grep -q "$ready" "$work/$1.out" 2>/dev/null && break; sleep 0.05; done
      ;;
    sesame)
      rm -rf "$work/state"
      bg_in "$SRV" "$SESAME" serve "$work/door.yaml" --remove-on-exit --state-dir "$work/state" >"$work/sesame.out" 2>&1 &
      daemon_pid=$!
      for _ in $(seq 200); do in_srv nft list table inet sesame >/dev/null 2>&1 && break; sleep 0.05; done
      ;;
  esac
  pids+=("$daemon_pid")
  sleep 0.5
  kill -0 "$daemon_pid" 2>/dev/null || { echo "$1 did not start:" >&2; cat "$work/$1.out" >&2; exit 1; }
}

runs=0
stop_daemon() { # $1 = fwknopd-pcap | fwknopd-udp | sesame
  kill "$daemon_pid" 2>/dev/null
  wait_gone "$daemon_pid"
  runs=$((runs + 1))
  [ -n "$LOGS" ] && { mkdir -p "$LOGS"; cp "$work/$1.out" "$LOGS/$runs-$1.out"; }
  case "$1" in
    fwknopd-*) in_srv iptables -F; in_srv iptables -X; in_srv nft delete table ip filter 2>/dev/null ;;
    sesame) in_srv nft delete table inet sesame 2>/dev/null ;;
  esac
  daemon_pid=""
}

cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
rx_packets() { in_srv cat /sys/class/net/ether1/statistics/rx_packets 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
declare -A R

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# The floor of (a): the same packets and probe with no firewall and no daemon in the server at all.
case " $SECTIONS " in *" a "*)
  R[none,lat]=$(in_cli "$NB" spa-latency --server "$SERVER" --port "$SPA_PORT" --keys "$work/spa.keys" --count "$LAT_COUNT" \
    --first-source 10.206.8.1 --timeout-ms 2000)
  log "no firewall: ${R[none,lat]}" ;;
esac
block=16
for d in $ONLY; do
  log "== $d"
  case " $SECTIONS " in *" a "*)
    start_daemon "$d"
    sleep 1
    out=$(in_cli "$NB" spa-latency --server "$SERVER" --port "$SPA_PORT" --keys "$work/spa.keys" --count "$LAT_COUNT" \
      --first-source "10.206.$block.1" --timeout-ms 2000 ${LOGS:+--samples "$LOGS/$d-latency-samples.txt"})
    block=$((block + 4))
    log "$d latency: $out"
    R[$d,lat]=$out
    stop_daemon "$d"
  ;; esac

  for kind in random replay; do
    case " $SECTIONS " in *" b "*) ;; *) continue ;; esac
    start_daemon "$d"
    sleep 2
    c0=$(cpu_ticks "$daemon_pid"); read -r mb0 mt0 < <(machine_ticks); t0=$(date +%s.%N); rx0=$(rx_packets)
    bg_in "$FLD" "$NB" spa-flood --server "$SERVER" --port "$SPA_PORT" --kind "$kind" --keys "$work/spa.keys" \
      --replay-source 10.204.0.3 --seconds "$FLOOD_SECONDS" --threads "$FLOOD_THREADS" >"$work/flood.out" 2>&1 &
    fpid=$!; pids+=("$fpid")
    sleep 1.5
    gap=$(awk -v s="$FLOOD_SECONDS" -v n="$FLOOD_KNOCKS" 'BEGIN { printf "%.0f", (s - 4) * 1000 / n }')
    out=$(in_cli "$NB" spa-latency --server "$SERVER" --port "$SPA_PORT" --keys "$work/spa.keys" --count "$FLOOD_KNOCKS" \
      --first-source "10.206.$block.1" --timeout-ms 1000 --gap-ms "$gap")
    block=$((block + 4))
    wait "$fpid"
    c1=$(cpu_ticks "$daemon_pid"); read -r mb1 mt1 < <(machine_ticks); t1=$(date +%s.%N); rx1=$(rx_packets)
    flood=$(cat "$work/flood.out")
    rxpps=$(awk -v a="$rx0" -v b="$rx1" -v s="$(kv seconds "$flood")" 'BEGIN { printf "%.0f", (b - a) / s }')
    cpu=$(awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / (t1 - t0) }')
    busy=$(awk -v a="$mb0" -v b="$mb1" -v c="$mt0" -v e="$mt1" 'BEGIN { printf "%.0f", 100 * (b - a) / (e - c) }')
    log "$d flood $kind: $flood rx_pps=$rxpps | legit: $out | daemon cpu ${cpu}% | machine busy ${busy}%"
    R[$d,$kind]="$flood rx_pps=$rxpps $out cpu=$cpu busy=$busy"
    stop_daemon "$d"
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

cell() { local v=${R[$1,$2]:-}; [ -n "$v" ] && kv "$3" "$v" || echo "n/a"; }
flood_cell() {
  local v=${R[$1,$2]:-}
  [ -z "$v" ] && { echo "n/a"; return; }
  echo "$(kv granted "$v")/$(kv knocks "$v"); sent $(kv pps "$v") pkt/s, $(kv rx_pps "$v") reached ether1; daemon CPU $(kv cpu "$v")% (machine $(kv busy "$v")%)"
}
{
  echo "# Sesame's SPA door and fwknopd in network namespaces — measured $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(uname -r); load average $load_start at the start, $load_end at the end; $(fwknopd --version 2>&1 | head -1)."
  echo "Sizes: $LAT_COUNT packets for (a); ${FLOOD_SECONDS}s floods with $FLOOD_THREADS sending threads and $FLOOD_KNOCKS legitimate packets each (1 s to connect)."
  echo
  echo "| measure | fwknopd (pcap) | fwknopd (UDP server) | Sesame | target (Sesame) |"
  echo "|---|---|---|---|---|"
  echo "| (a) SPA packet → connect, p50 | $(cell fwknopd-pcap lat p50_ms) ms | $(cell fwknopd-udp lat p50_ms) ms | $(cell sesame lat p50_ms) ms | |"
  echo "| (a) SPA packet → connect, p99 | $(cell fwknopd-pcap lat p99_ms) ms | $(cell fwknopd-udp lat p99_ms) ms | $(cell sesame lat p99_ms) ms | ≤ 1 ms |"
  echo "| (a) the same probe with no firewall at all, p50 / p99 | $(cell none lat p50_ms) / $(cell none lat p99_ms) ms | (same) | (same) | |"
  echo "| (a) packets granted | $(cell fwknopd-pcap lat granted)/$(cell fwknopd-pcap lat knocks) | $(cell fwknopd-udp lat granted)/$(cell fwknopd-udp lat knocks) | $(cell sesame lat granted)/$(cell sesame lat knocks) | all |"
  echo "| (b) flood of random base64 to the SPA port: legit granted | $(flood_cell fwknopd-pcap random) | $(flood_cell fwknopd-udp random) | $(flood_cell sesame random) | 100% |"
  echo "| (b) flood of one captured packet replayed: legit granted | $(flood_cell fwknopd-pcap replay) | $(flood_cell fwknopd-udp replay) | $(flood_cell sesame replay) | 100% |"
} | tee "$results"
