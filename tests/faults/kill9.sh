#!/usr/bin/env bash
# kill -9 fault test, long form: 100 kills of `sesame serve` at random moments during its start-up and during
# `sesame lists add|remove` changes, each followed by a check that table inet sesame is absent or whole and that no
# granted entry is lost. The same test runs in CI with 12 rounds (tests/Sesame.Linux.Tests/Kernel/ServeFaultTests.cs).
# Needs root (it works in network namespaces it creates and deletes). Usage: tests/faults/kill9.sh [ROUNDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
export SESAME_KILL9_ROUNDS="${1:-100}"
if [[ $# -ge 2 ]]; then export SESAME_KILL9_SEED="$2"; fi
dotnet build tests/Sesame.Linux.Tests --nologo -v q
dotnet test tests/Sesame.Linux.Tests --no-build \
  --filter "FullyQualifiedName~ServeFaultTests.Serve_Kill9AtRandomMoments_TableAbsentOrWholeAndNoGrantLost" \
  --logger "console;verbosity=detailed" | grep -E "rounds=|kills in|Passed|Failed|round [0-9]+:|Total tests"
