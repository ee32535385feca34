#!/usr/bin/env bash
# The native binary against the JIT build: every command that needs no kernel, run by both, must give the same exit
# status, standard output and standard error (random keys and SPA packets compared by shape); then, as root, `serve` of
# the seeds' three-knock door by the native binary in a network-namespace pair it creates and deletes, a real knock from
# the client side, `print lists` showing the grant, and SIGTERM by PID. Run by hand:
#   bash tests/native/smoke.sh [NATIVE_SESAME JIT_SESAME_DLL]     (without arguments it builds both)
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
work=$(mktemp -d)
ns_c=""; ns_s=""; pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
  [ -n "$ns_c" ] && ip netns del "$ns_c" 2>/dev/null
  [ -n "$ns_s" ] && ip netns del "$ns_s" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ $# -ge 2 ]; then
  native=$(realpath "$1"); jit=(dotnet "$(realpath "$2")")
else
  dotnet build src/Sesame.Cli -c Release -o "$work/jit" >"$work/jit.log" 2>&1 || { tail -20 "$work/jit.log"; exit 1; }
  dotnet publish src/Sesame.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/native" >"$work/native.log" 2>&1 \
    || { tail -20 "$work/native.log"; exit 1; }
  native=$work/native/sesame; jit=(dotnet "$work/jit/sesame.dll")
fi

mkdir -p "$work/n" "$work/j" "$work/spa/keys"
failed=0; n=0
run() {
  n=$((n + 1))
  (cd "$work/n" && "$native" "$@" >out 2>err; echo "exit $?" >>err; cat out err >"../n.$n"; rm -f out err)
  (cd "$work/j" && "${jit[@]}" "$@" >out 2>err; echo "exit $?" >>err; cat out err >"../j.$n"; rm -f out err)
  if [ "$1" = keygen ] || [[ " $* " == *" --spa "* ]]; then
    sed -i 's/[A-Za-z0-9+\/=]\{20,\}/KEY/g; s/packet [0-9]* bytes/packet N bytes/' "$work/n.$n" "$work/j.$n"
  fi
  if cmp -s "$work/n.$n" "$work/j.$n"; then
    printf 'same   %-8s %s\n' "$(tail -1 "$work/n.$n")" "$*"
  else
    printf 'DIFFER %s\n' "$*"; diff "$work/n.$n" "$work/j.$n" | head -10; failed=1
  fi
}

for f in tests/fixtures/seeds/*.rsc deploy/examples/*.yaml deploy/examples/*.rsc; do run check "$repo/$f"; done
run check "$repo/tests/fixtures/seeds/000-manual-old-en.rsc" --strict
run check /nonexistent.rsc
run simulate "$repo/deploy/examples/three-knock.rsc" "$repo/deploy/examples/three-knock.trace"
run simulate "$repo/deploy/examples/three-knock.rsc" "$repo/deploy/examples/three-knock.trace" --json
run simulate "$repo/deploy/examples/layer7-knock.rsc" "$repo/deploy/examples/layer7-knock.trace" --json
run simulate "$repo/deploy/examples/seed-door.yaml" "$repo/deploy/examples/three-knock.trace" --json --until 1h
for f in tests/fixtures/seeds/000-manual-old-en.rsc tests/fixtures/seeds/004-manual-new.rsc deploy/examples/ssh-door.yaml; do
  run export "$repo/$f" --to nft; run export "$repo/$f" --to routeros
done
run export "$repo/deploy/examples/ssh-door.yaml" --to nope
run print --help
run demo --help
run --version
run import knockd "$repo/tests/Sesame.Profiles.Tests/Knockd/debian-knockd.conf"
run import fwknop "$repo/tests/Sesame.Profiles.Tests/Fwknop/debian-access.conf"
run knock 192.0.2.1 7000 8000 9000 --dry-run
run knock 2001:db8::1 7000:udp 8000:tcp 0:icmp:size=100 --dry-run
run knock 192.0.2.1 1234:udp:supersecretpassword1 4321:udp:supersecretpassword2 --dry-run
run knock 192.0.2.1 70000 --dry-run
run keygen
(umask 077; "$native" keygen --out "$work/spa/keys/alice.keys" 2>/dev/null; "$native" keygen --out "$work/spa/keys/bob.keys" 2>/dev/null)
cp deploy/examples/spa-door.yaml "$work/spa/"
run knock 192.0.2.1 --spa --keys "$work/spa/keys/bob.keys" -A tcp/22 --dry-run
run knock 2001:db8::1 --spa --keys "$work/spa/keys/bob.keys" -A tcp/22,udp/51820 -a 2001:db8::7 -f 60 --dry-run
run check "$work/spa/spa-door.yaml"
run export "$work/spa/spa-door.yaml" --to nft
printf 'doors:\n  - name: "a\\u0000b\\e;}#"\n    knocks: [1, 2]\n    open: [22]\n' >"$work/hostile.yaml"
run check "$work/hostile.yaml"
python3 -c "print('doors:\n  - name: ' + 'x' * 1000000 + '\n    knocks: [1, 2]\n    open: [22]')" >"$work/big.yaml"
run check "$work/big.yaml"
echo "native and JIT: $n commands, $([ "$failed" -eq 0 ] && echo 'all the same' || echo 'SOME DIFFER')"

if [ "$(id -u)" -ne 0 ]; then echo "serve: skipped (needs root)"; exit "$failed"; fi
id=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
ns_c="sesame-n-$id-c"; ns_s="sesame-n-$id-s"
ip netns add "$ns_c"; ip netns add "$ns_s"
ip -n "$ns_c" link add "sn${id}c" type veth peer name ether1 netns "$ns_s"
ip -n "$ns_c" addr add 10.200.253.1/30 dev "sn${id}c"; ip -n "$ns_s" addr add 10.200.253.2/30 dev ether1
for ns in "$ns_c" "$ns_s"; do ip -n "$ns" link set lo up; done
ip -n "$ns_c" link set "sn${id}c" up; ip -n "$ns_s" link set ether1 up
ip netns exec "$ns_s" "$native" serve deploy/examples/three-knock.rsc --remove-on-exit --state-dir "$work/state" \
  --control "$work/control.sock" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do ip netns exec "$ns_s" nft list table inet sesame >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$ns_c" "$native" knock 10.200.253.2 888 555 222 -d 50 >/dev/null
granted=""
for _ in $(seq 30); do
  ip netns exec "$ns_s" "$native" print lists | grep -q 'secured *10\.200\.253\.1' && { granted=yes; break; }
  sleep 0.1
done
kill -TERM "$pid"; wait "$pid"; status=$?; pid=""
left=$(ip netns exec "$ns_s" nft list tables)
echo "serve: grant ${granted:-MISSING}, exit $status after SIGTERM, tables left: ${left:-none}"
grep -q 'event=grant list=secured src=10.200.253.1' "$work/serve.log" || { echo "serve: no grant line in its log"; cat "$work/serve.log"; failed=1; }
[ -n "$granted" ] && [ "$status" -eq 0 ] && [ -z "$left" ] || failed=1
exit "$failed"
