#!/usr/bin/env bash
# The engine-vs-kernel property test with more cases than CI runs (default 10000; ~0.34 s a case on 2 cores).
# Needs root (network namespaces, nftables). Usage: tests/property/run.sh [CASES] [CSCHECK_SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
export SESAME_PROPERTY_CASES="${1:-10000}"
if [ -n "${2:-}" ]; then
  export SESAME_PROPERTY_SEED="$2"
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "run.sh: needs root (network namespaces and nftables); the test would report itself skipped" >&2
  exit 2
fi
dotnet build tests/Sesame.Linux.Tests -v q --nologo
exec dotnet test tests/Sesame.Linux.Tests --no-build --nologo \
  --filter "FullyQualifiedName~Sesame.Tests.Property.SimulatorKernelPropertyTests" \
  --logger "console;verbosity=detailed"
