#!/usr/bin/env bash
# Builds the solution once and runs every test project; ends with one "N passed, N failed" line.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source eng/lib.sh

dotnet build Streaming.sln -c Release -v quiet -nologo -clp:ErrorsOnly || exit 1

log="$(mktemp)"
# A test stuck for 10 minutes fails its project instead of holding the run until CI's time is up.
dotnet test Streaming.sln -c Release --no-build -nologo --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  f += $(i + 1)
      if ($i == "Passed:")  p += $(i + 1)
      if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if ((status == 0 && passed == 0)); then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
