#!/usr/bin/env bash
# Start-up of the native (AOT) `sesame` beside the JIT build and Debian's knock client, in one run. As root:
#   bash bench/startup.sh [RUNS]            (default 30 runs per command; needs knockd's `knock`, python3, iproute2, nft)
# Builds both (dotnet build -c Release; dotnet publish -c Release -r linux-x64 -p:PublishAot=true; STARTUP_BUILT=DIR
# reuses DIR/jit and DIR/native from an earlier run instead), creates three network namespaces (a client, a target whose
# closed ports refuse, a target that drops the knock ports; deleted on exit), and times each command RUNS times plus 3
# warm-up rounds. The
# rounds are interleaved: every round runs every command once, in a fresh random order, so machine load falls on all of
# them alike. Wall time per run is posix_spawn to wait4 (python3 perf_counter_ns), the timer itself running in the
# client namespace; `/bin/true` is timed as well, the harness's own cost. The CPU column (the child's user + system
# time from wait4) moves much less with machine load than wall time does. Any non-zero exit aborts the run (an error
# path is never timed). With hyperfine installed each command is also timed by `hyperfine -N` (not interleaved), as a
# cross-check. Prints a Markdown table: median and p90 per command, and the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-30}
[ "$(id -u)" -eq 0 ] || { echo "startup: needs root (network namespaces)" >&2; exit 1; }
for tool in knock python3 ip nft; do
  command -v "$tool" >/dev/null || { echo "startup: needs $tool (knock: apt-get install -y knockd)" >&2; exit 1; }
done

id=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
c="sesame-b-$id-c"; s="sesame-b-$id-s"; d="sesame-b-$id-d"
out=$(mktemp -d)
cleanup() { for ns in "$c" "$s" "$d"; do ip netns del "$ns" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT

built=${STARTUP_BUILT:-$out}
if [ -z "${STARTUP_BUILT:-}" ]; then
  echo "startup: building the JIT build and the native binary (a few minutes)" >&2
  dotnet build src/Sesame.Cli -c Release -o "$out/jit" >"$out/jit.log" 2>&1 || { tail -20 "$out/jit.log" >&2; exit 1; }
  dotnet publish src/Sesame.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/native" >"$out/native.log" 2>&1 \
    || { tail -20 "$out/native.log" >&2; exit 1; }
fi
native="$built/native/sesame"
jit=(dotnet "$built/jit/sesame.dll")

# Client namespace c, two targets: s refuses the knock ports (no firewall: a closed port answers RST), d drops them
# (as a shut door does: no answer at all).
ip netns add "$c"; ip netns add "$s"; ip netns add "$d"
ip -n "$c" link add "sb${id}s" type veth peer name "sb${id}t" netns "$s"
ip -n "$c" link add "sb${id}d" type veth peer name "sb${id}e" netns "$d"
ip -n "$c" addr add 10.200.250.1/30 dev "sb${id}s"; ip -n "$s" addr add 10.200.250.2/30 dev "sb${id}t"
ip -n "$c" addr add 10.200.251.1/30 dev "sb${id}d"; ip -n "$d" addr add 10.200.251.2/30 dev "sb${id}e"
for ns in "$c" "$s" "$d"; do ip -n "$ns" link set lo up; done
ip -n "$c" link set "sb${id}s" up; ip -n "$s" link set "sb${id}t" up
ip -n "$c" link set "sb${id}d" up; ip -n "$d" link set "sb${id}e" up
ip netns exec "$d" nft 'add table inet bench; add chain inet bench input { type filter hook input priority 0; policy accept; }; add rule inet bench input tcp dport { 7000, 8000, 9000 } drop'
refuse=10.200.250.2; drop=10.200.251.2

seed=tests/fixtures/seeds/000-manual-old-en.rsc
profile=deploy/examples/seed-door.yaml
# name|argv (words split on spaces; no word holds one)
cmds=(
  "harness: /bin/true|/bin/true"
  "knock --dry-run, native|$native knock $refuse 7000 8000 9000 --dry-run"
  "knock --dry-run, JIT|${jit[*]} knock $refuse 7000 8000 9000 --dry-run"
  "3 knocks (port refuses), knockd's knock|knock $refuse 7000 8000 9000"
  "3 knocks (port refuses), native|$native knock $refuse 7000 8000 9000"
  "3 knocks (port refuses), JIT|${jit[*]} knock $refuse 7000 8000 9000"
  "3 knocks (port drops), knockd's knock|knock $drop 7000 8000 9000"
  "3 knocks (port drops), native|$native knock $drop 7000 8000 9000"
  "3 knocks (port drops), native --connect-timeout 0|$native knock $drop 7000 8000 9000 --connect-timeout 0"
  "check $seed, native|$native check $seed"
  "check $seed, JIT|${jit[*]} check $seed"
  "check $profile, native|$native check $profile"
  "check $profile, JIT|${jit[*]} check $profile"
)
printf '%s\n' "${cmds[@]}" >"$out/cmds"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
ip netns exec "$c" python3 - "$runs" "$out/cmds" "$out/times.json" <<'PY'
import json, os, random, sys, time
runs, cmds = int(sys.argv[1]), [l.rstrip("\n").split("|", 1) for l in open(sys.argv[2]) if l.strip()]
devnull = os.open(os.devnull, os.O_RDWR)
actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
times = {name: [] for name, _ in cmds}
cpu = {name: [] for name, _ in cmds}
rng = random.Random(12)
for r in range(runs + 3):
    order = list(cmds)
    rng.shuffle(order)
    for name, line in order:
        argv = line.split(" ")
        t0 = time.perf_counter_ns()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        t1 = time.perf_counter_ns()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"startup: '{line}' exited {os.waitstatus_to_exitcode(status)}")
        if r >= 3:
            times[name].append((t1 - t0) / 1e6)
            cpu[name].append((usage.ru_utime + usage.ru_stime) * 1e3)
json.dump({"wall": times, "cpu": cpu}, open(sys.argv[3], "w"))
PY

if command -v hyperfine >/dev/null; then
  while IFS='|' read -r name line; do
    ip netns exec "$c" hyperfine -N --runs "$runs" --warmup 3 --export-json "$out/hf.json" "$line" >/dev/null 2>&1
    python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['results'][0]['times']; t.sort(); print(sys.argv[2]+'|'+str(t[len(t)//2]*1000))" \
      "$out/hf.json" "$name" >>"$out/hf"
  done <"$out/cmds"
fi

python3 - "$out/times.json" "$out/hf" "$runs" <<'PY'
import json, os, sys
data = json.load(open(sys.argv[1]))
times, cpu = data["wall"], data["cpu"]
hf = dict(l.rstrip("\n").split("|", 1) for l in open(sys.argv[2])) if os.path.exists(sys.argv[2]) else {}
def pct(v, p):
    v = sorted(v); k = (len(v) - 1) * p; i = int(k)
    return v[i] + (v[min(i + 1, len(v) - 1)] - v[i]) * (k - i)
print(f"| command ({sys.argv[3]} interleaved runs each) | median | p90 | min | CPU (user+sys) median | hyperfine median |")
print("|---|---:|---:|---:|---:|---:|")
for name, v in times.items():
    h = f"{float(hf[name]):.1f} ms" if name in hf else "—"
    print(f"| {name} | {pct(v, .5):.1f} ms | {pct(v, .9):.1f} ms | {min(v):.1f} ms | {pct(cpu[name], .5):.1f} ms | {h} |")
PY

runtime=$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App / {v=$2; p=$3} END {gsub(/[][]/, "", p); print p "/" v}')
echo
echo "| build | size on disk |"
echo "|---|---:|"
printf '| native `sesame` (stripped; the %s-byte `sesame.dbg` beside it is not needed to run) | %s bytes |\n' \
  "$(stat -c %s "$built/native/sesame.dbg" 2>/dev/null || echo '?')" "$(stat -c %s "$native")"
printf '| JIT build output (framework-dependent, `%s`) | %s bytes |\n' "dotnet build -c Release" "$(du -sbL "$built/jit" | cut -f1)"
printf '| JIT build output without .pdb/.xml | %s bytes |\n' \
  "$(find -L "$built/jit" -type f ! -name '*.pdb' ! -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {print s}')"
printf '| the shared runtime it needs (%s) | %s bytes |\n' "$runtime" "$(du -sb "$runtime" | cut -f1)"
echo
echo "date $(date -u '+%Y-%m-%d %H:%M UTC'); load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(nproc) cores;" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); kernel $(uname -r); .NET $(dotnet --version);" \
  "knock: $(dpkg-query -W -f '${Package} ${Version}' knockd 2>/dev/null || echo '?')"
