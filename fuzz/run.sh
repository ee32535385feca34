#!/usr/bin/env bash
# Builds the harnesses, instruments the Sesame assemblies with SharpFuzz and runs afl-fuzz on one harness.
#   fuzz/run.sh HARNESS [EXECUTIONS|SECONDSs]     e.g.  fuzz/run.sh routeros 1000000    fuzz/run.sh trace 600s
# HARNESS: routeros, trace, profile, knockd, nflog, spa, fwknop. Without a bound afl runs until stopped (Ctrl-C).
# Seeds: fuzz/corpus/HARNESS/. Findings: fuzz/findings/HARNESS/<UTC time>/ (crashes/, hangs/, fuzzer_stats).
# Replay a finding with its stack trace: fuzz/.build/HARNESS/Sesame.Fuzz HARNESS FILE…
# Needs afl++ (Debian: apt-get install afl++) and the SharpFuzz.CommandLine tool (restored from fuzz/dotnet-tools.json).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
harness="${1:?usage: fuzz/run.sh HARNESS [EXECUTIONS|SECONDSs]}"
bound="${2:-}"
case "$harness" in
  routeros|trace|profile|knockd|nflog|spa|fwknop) ;;
  *) echo "fuzz/run.sh: unknown harness '$harness' (routeros, trace, profile, knockd, nflog, spa, fwknop)" >&2; exit 2 ;;
esac

limit=()
case "$bound" in
  "") ;;
  *s) limit=(-V "${bound%s}") ;;
  *[!0-9]*) echo "fuzz/run.sh: bound '$bound' is neither a number of executions nor SECONDSs" >&2; exit 2 ;;
  *) limit=(-E "$bound") ;;
esac

command -v afl-fuzz >/dev/null || { echo "fuzz/run.sh: afl-fuzz not found (apt-get install afl++)" >&2; exit 1; }

cd "$here"
dotnet tool restore >/dev/null

# Each harness gets its own copy: SharpFuzz rewrites the assemblies in place and refuses to do it twice.
app="$here/.build/$harness"
rm -rf "$app"
nice dotnet publish Sesame.Fuzz/Sesame.Fuzz.csproj -c Release -o "$app" --nologo -v quiet
for assembly in Sesame.Core Sesame.RouterOS Sesame.Profiles Sesame.Linux YamlDotNet; do
  dotnet sharpfuzz "$app/$assembly.dll" >/dev/null
done

out="$here/findings/$harness/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
dictionary=()
[ -f "$here/dict/$harness.dict" ] && dictionary=(-x "$here/dict/$harness.dict")

# .NET is not an afl-instrumented binary (SharpFuzz talks to afl itself); the machine is shared, hence no CPU binding.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
nice -n 10 afl-fuzz -i "corpus/$harness" -o "$out" -t 5000 -m none "${limit[@]}" "${dictionary[@]}" \
  -- "$app/Sesame.Fuzz" "$harness" || true

stats="$out/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E '^(start_time|last_update|run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
  echo "findings: $out/default/crashes $out/default/hangs"
fi
