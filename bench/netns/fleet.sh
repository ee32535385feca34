#!/usr/bin/env bash
# Fleet mode (issue 13): three Sesame nodes sharing their lists through one PostgreSQL, in network namespaces.
# Run by hand as root, never in CI:
#   sudo bench/netns/fleet.sh            # sizes below; override any of them in the environment
# Writes a Markdown table to stdout and to bench/FLEET-RESULTS.md (bench/FLEET-RESULTS-partial.md for a part of it).
# See bench/netns/README.md.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

LAT_COUNT=${LAT_COUNT:-200}                      # (i) trials, each from a fresh source address
POLL_MS=${POLL_MS:-2}                            # (i) a new connect attempt to C this often
RATES=${RATES:-"1000,2000,5000,10000,20000"}    # (ii) shared changes per second tried, in order
RATE_SECONDS=${RATE_SECONDS:-10}                 # (ii) how long each rate is kept up
MAX_LAG_MS=${MAX_LAG_MS:-1000}                   # (ii) a rate is sustained while every batch reaches C within this
SECTIONS=${SECTIONS:-"i ii"}                     # parts to run
PLUMBING=${PLUMBING:-0}                          # 1: no fleet; knock and watch node C itself (checks the script, not the fleet)
PAUSE=${PAUSE:-0}                                # seconds to wait before cleaning up (to look around by hand)
LOGS=${LOGS:-}                                   # a directory to keep the daemons' and the database's logs in
PG_OPTS=${PG_OPTS:-}                             # more server settings (-c name=value …); the defaults are Debian's (fsync on)
if [ "$SECTIONS" = "i ii" ] && [ "$PLUMBING" = 0 ]; then results="$repo/bench/FLEET-RESULTS.md"; else results="$repo/bench/FLEET-RESULTS-partial.md"; fi

[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces, raw sockets, PostgreSQL as user postgres)" >&2; exit 1; }
for tool in ip nft dotnet timeout nsenter runuser; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "missing: PostgreSQL (apt-get install postgresql)" >&2; exit 1; }

id=$$
SW=sfl-sw-$id; CLI=sfl-cli-$id; NODES=(a b c)
ns_of() { echo "sfl-$1-$id"; }
declare -A ADDR=([a]=10.208.0.1 [b]=10.208.0.2 [c]=10.208.0.3)
CLIENT=10.208.0.100
work=$(mktemp -d /tmp/sesame-fleetbench.XXXXXX)
pgdir=$work/pg
pgport=$((20000 + RANDOM % 40000))
pids=()            # every background process this script starts, ended by PID on exit
declare -A NODE_PID

log() { echo "[$(date +%T)] $*" >&2; }

cleanup() {
  trap - EXIT INT TERM
  [ "$PAUSE" -gt 0 ] && { log "pausing ${PAUSE}s: namespaces sfl-*-$id, work dir $work"; sleep "$PAUSE"; }
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do timeout 10 tail --pid="$p" -f /dev/null 2>/dev/null; kill -9 "$p" 2>/dev/null; done
  [ -n "$LOGS" ] && { mkdir -p "$LOGS"; cp "$work"/*.out "$work"/*.err "$pgdir/server.log" "$LOGS/" 2>/dev/null; }
  [ -f "$pgdir/data/postmaster.pid" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -w -t 30 -m immediate stop >/dev/null 2>&1
  for n in "${NODES[@]}"; do ip netns del "$(ns_of "$n")" 2>/dev/null; done
  ip netns del "$CLI" 2>/dev/null; ip netns del "$SW" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building Sesame.NetBench and sesame (Release)"
dotnet build "$repo/bench/Sesame.NetBench" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build "$repo/src/Sesame.Cli" -c Release -v q -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
NB="$repo/bench/Sesame.NetBench/bin/Release/net10.0/Sesame.NetBench"
SESAME="$repo/src/Sesame.Cli/bin/Release/net10.0/sesame"

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
# Background processes start through nsenter, which execs in place, so that $! is the process itself (to measure its
# CPU and end it by PID).
bg_in() { local ns=$1; shift; exec nsenter --net="/run/netns/$ns" -- "$@"; }

log "topology: bridge in $SW; client $CLI ($CLIENT, sources 10.209.0.0/16 on lo); nodes a b c (10.208.0.1-3 on ether1)"
ip netns add "$SW"; ip netns add "$CLI"
for n in "${NODES[@]}"; do ip netns add "$(ns_of "$n")"; done
for ns in "$SW" "$CLI" $(for n in "${NODES[@]}"; do ns_of "$n"; done); do
  ip -n "$ns" link set lo up
  in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link set br0 up
ip -n "$SW" link add k type veth peer name c0 netns "$CLI"
ip -n "$SW" link set k master br0 up
ip -n "$CLI" addr add "$CLIENT/24" dev c0
ip -n "$CLI" link set c0 up
# Every address of 10.209.0.0/16 is local in the client (a prefix on lo), so each trial binds a fresh source; the nodes
# reach them through the client's address.
ip -n "$CLI" addr add 10.209.0.0/16 dev lo
for n in "${NODES[@]}"; do
  ns=$(ns_of "$n")
  ip -n "$SW" link add "p$n" type veth peer name ether1 netns "$ns"
  ip -n "$SW" link set "p$n" master br0 up
  ip -n "$ns" addr add "${ADDR[$n]}/24" dev ether1
  ip -n "$ns" link set ether1 up
  ip -n "$ns" route add 10.209.0.0/16 via "$CLIENT"
done

if [ "$PLUMBING" = 0 ]; then
  log "PostgreSQL: initdb in $pgdir, unix socket only (port $pgport)"
  chmod 0711 "$work"   # postgres passes through the work dir (mktemp's 0700) to its own; it lists nothing there
  mkdir -p "$pgdir"; chown postgres:postgres "$pgdir"; chmod 0755 "$pgdir"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth-local=trust --auth-host=reject -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
  printf 'local all postgres trust\nlocal all all scram-sha-256\n' >"$pgdir/data/pg_hba.conf"
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
    -o "-k $pgdir -p $pgport -c listen_addresses= -c max_connections=100 $PG_OPTS" start >/dev/null || { cat "$pgdir/server.log"; exit 1; }
  (umask 077; head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/node.password")
  "$SESAME" fleet init "Host=$pgdir;Port=$pgport;Username=postgres;Database=postgres" \
    --node-user sesame_bench --node-password-file "$work/node.password" >"$work/init.log" 2>&1 \
    || { echo "sesame fleet init failed:" >&2; cat "$work/init.log" >&2; exit 1; }
fi

for n in "${NODES[@]}"; do
  mkdir -p "$work/$n"
  fleet=()
  [ "$PLUMBING" = 0 ] && fleet=(--fleet "Host=$pgdir;Port=$pgport;Username=sesame_bench;Database=postgres"
    --fleet-password-file "$work/node.password" --fleet-node "$n")
  bg_in "$(ns_of "$n")" "$SESAME" serve "$here/door.rsc" --remove-on-exit --control "$work/$n/control.sock" \
    --state-dir "$work/$n/state" "${fleet[@]}" >"$work/$n.out" 2>&1 &
  NODE_PID[$n]=$!; pids+=($!)
done
for n in "${NODES[@]}"; do
  ready="in_ns $(ns_of "$n") nft list chain inet sesame v4_input"
  [ "$PLUMBING" = 0 ] && ready="grep -q event=fleet-joined $work/$n.out"
  for _ in $(seq 300); do $ready >/dev/null 2>&1 && break; sleep 0.1; done
  $ready >/dev/null 2>&1 || { echo "node $n did not start (or join the fleet) in 30 s:" >&2; cat "$work/$n.out" >&2; exit 1; }
done
bg_in "$(ns_of c)" "$NB" listen --bind "${ADDR[c]}" --port 22 --seconds 3600 >"$work/listen.log" 2>&1 &
pids+=($!)
sleep 1

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The daemons', and the database's (the postmaster and every backend it forked), CPU ticks.
fleet_ticks() {
  local total=0 p
  for n in "${NODES[@]}"; do total=$((total + $(cpu_ticks "${NODE_PID[$n]}"))); done
  if [ -f "$pgdir/data/postmaster.pid" ]; then
    local pm; pm=$(head -1 "$pgdir/data/postmaster.pid")
    for p in $pm $(ps -o pid= --ppid "$pm"); do total=$((total + $(cpu_ticks "$p"))); done
  fi
  echo "$total"
}
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
hz=$(getconf CLK_TCK)
declare -A R
knocked=a; [ "$PLUMBING" = 1 ] && knocked=c

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
case " $SECTIONS " in *" i "*)
  # The floor: knock C itself (the grant happens in C's kernel), the same probe.
  R[local]=$(in_ns "$CLI" "$NB" latency --server "${ADDR[c]}" --count 50 --first-source 10.209.200.1 \
    --poll-ms "$POLL_MS" --timeout-ms 3000)
  log "knock C, connect C (no fleet in the path): ${R[local]}"
  R[lat]=$(in_ns "$CLI" "$NB" latency --server "${ADDR[$knocked]}" --service-server "${ADDR[c]}" --count "$LAT_COUNT" \
    --first-source 10.209.1.1 --poll-ms "$POLL_MS" --timeout-ms 3000)
  log "knock $knocked, connect C: ${R[lat]}"
;; esac

case " $SECTIONS " in *" ii "*)
  c0=$(fleet_ticks); read -r mb0 mt0 < <(machine_ticks); t0=$(date +%s.%N)
  "$NB" fleet-rate --add-ns "$(ns_of "$knocked")" --watch-ns "$(ns_of c)" --set v4_secured --rates "$RATES" \
    --seconds "$RATE_SECONDS" --max-lag-ms "$MAX_LAG_MS" >"$work/rate.out" 2>"$work/rate.err"
  c1=$(fleet_ticks); read -r mb1 mt1 < <(machine_ticks); t1=$(date +%s.%N)
  cat "$work/rate.err" >&2
  R[rate]=$(cat "$work/rate.out")
  R[rate_cpu]=$(awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / (t1 - t0) }')
  R[rate_busy]=$(awk -v a="$mb0" -v b="$mb1" -v c="$mt0" -v e="$mt1" 'BEGIN { printf "%.0f", 100 * (b - a) / (e - c) }')
  log "changes on $knocked, watched on C:"; cat "$work/rate.out" >&2
;; esac
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
for n in "${NODES[@]}"; do
  R[lost_$n]=$(grep -a -c 'event=fleet-lost' "$work/$n.out")
done

cell() { local v=${R[$1]:-}; [ -n "$v" ] && kv "$2" "$v" || echo "n/a"; }
sustained=$(kv sustained_per_s "${R[rate]:-}")
{
  echo "# Fleet mode: three nodes and one PostgreSQL in network namespaces — measured $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(uname -r); load average $load_start at the start, $load_end at the end;"
  echo "$("$pgbin/postgres" --version); Sesame from $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$([ "$PLUMBING" = 1 ] && echo ' — PLUMBING=1: no fleet, node C knocked and watched itself')."
  echo "Command: \`sudo ${PG_OPTS:+PG_OPTS=\"$PG_OPTS\" }LAT_COUNT=$LAT_COUNT POLL_MS=$POLL_MS RATES=$RATES RATE_SECONDS=$RATE_SECONDS MAX_LAG_MS=$MAX_LAG_MS SECTIONS=\"$SECTIONS\" bench/netns/fleet.sh\`"
  echo
  echo "| measure | Sesame fleet | target |"
  echo "|---|---|---|"
  echo "| (i) grant on $knocked → connect succeeds on C, p50 / p99 / max ($(cell lat granted)/$(cell lat knocks) granted) | $(cell lat p50_ms) / $(cell lat p99_ms) / $(cell lat max_ms) ms | p99 ≤ 100 ms |"
  echo "| (i) floor: knock C → connect C, p50 / p99 ($(cell local granted)/$(cell local knocks)) | $(cell local p50_ms) / $(cell local p99_ms) ms | |"
  echo "| (ii) shared changes per second sustained ${RATE_SECONDS} s with every batch on C within ${MAX_LAG_MS} ms | ${sustained:-n/a}/s | ≥ 5,000/s |"
  echo "| (ii) CPU of the three daemons and PostgreSQL during (ii), in % of one core (machine busy) | ${R[rate_cpu]:-n/a}% (${R[rate_busy]:-n/a}%) | |"
  echo "| knockd, fwknopd | no fleet mode: each is single-host, nothing to measure side by side | |"
  echo
  echo "(ii) per rate (batches every 100 ms of \`nft add element inet sesame v4_secured { … timeout 10m }\` on $knocked; lag = end of the \`nft\` command → the batch's last address seen by \`nft monitor\` on C):"
  echo
  echo '```'
  echo "${R[rate]:-not run}"
  echo '```'
  echo
  echo "Raw (i): \`${R[lat]:-not run}\`; floor: \`${R[local]:-not run}\`. fleet-lost lines during the run: a=${R[lost_a]} b=${R[lost_b]} c=${R[lost_c]}."
} | tee "$results"
