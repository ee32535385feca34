#!/usr/bin/env bash
# Start-up of a three-knock `sesame knock` (no delay) beside knockd's `knock` doing the same, median of repeated runs,
# measured between two network namespaces this script creates and deletes. Run by hand, as root:
#   bash bench/knock-startup.sh [RUNS]
# Builds sesame (Release, JIT) and, when the package source has what it needs, a ReadyToRun publish too.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-30}
[ "$(id -u)" -eq 0 ] || { echo "knock-startup: needs root (network namespaces)" >&2; exit 1; }
command -v knock >/dev/null || { echo "knock-startup: needs knockd's knock client: apt-get install -y knockd" >&2; exit 1; }

id=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
c="sesame-b-$id-c"; s="sesame-b-$id-s"
out=$(mktemp -d)
cleanup() { ip netns del "$c" 2>/dev/null || true; ip netns del "$s" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

ip netns add "$c"; ip netns add "$s"
ip -n "$c" link add "sb${id}c" type veth peer name "sb${id}s" netns "$s"
ip -n "$c" addr add 10.200.250.1/30 dev "sb${id}c"; ip -n "$s" addr add 10.200.250.2/30 dev "sb${id}s"
ip -n "$c" link set "sb${id}c" up; ip -n "$s" link set "sb${id}s" up
ip -n "$c" link set lo up; ip -n "$s" link set lo up
target=10.200.250.2

dotnet build src/Sesame.Cli -c Release -o "$out/jit" >/dev/null
variants=("knockd-knock|knock $target 7000 8000 9000" "sesame-jit|dotnet $out/jit/sesame.dll knock $target 7000 8000 9000")
if dotnet publish src/Sesame.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" >"$out/r2r.log" 2>&1; then
  variants+=("sesame-r2r|$out/r2r/sesame knock $target 7000 8000 9000")
else
  echo "knock-startup: ReadyToRun publish failed (see below); measuring JIT only" >&2
  tail -5 "$out/r2r.log" >&2
fi

for v in "${variants[@]}"; do
  name=${v%%|*}; cmd=${v#*|}
  if command -v hyperfine >/dev/null; then
    hyperfine -N --runs "$runs" --warmup 3 --export-json "$out/$name.json" "ip netns exec $c $cmd" >/dev/null
    median=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000,1))" "$out/$name.json" 2>/dev/null \
      || grep -o '"median": *[0-9.e-]*' "$out/$name.json" | awk '{printf "%.1f", $2*1000}')
  else
    times=()
    for _ in $(seq 1 "$runs"); do
      t0=$(date +%s%N); ip netns exec "$c" $cmd >/dev/null; t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  fi
  printf '%-14s median %6s ms over %s runs   (%s)\n' "$name" "$median" "$runs" "$cmd"
done
