#!/usr/bin/env bash
# The integration and ui layers N times in a row (default 5) while one CPU-bound `yes` per core runs
# beside them: a test that waits on timing instead of on its result fails here. Prints each run's
# summary line and wall time, then a one-line verdict; exits non-zero when any run failed.
#
#   scripts/loaded-runs.sh [N]      (npm run test:loaded -- N)
#   AAD_LOADED_LAYERS=ui ...        other layers (default integration,ui)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
layers="${AAD_LOADED_LAYERS:-integration,ui}"
logdir="$(mktemp -d "${TMPDIR:-/tmp}/aad-loaded-XXXXXX")"
hogs=()

# Only the `yes` processes this script started, by pid; the logs go with them.
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$logdir"
}
trap stop_hogs EXIT
trap 'exit 130' INT TERM HUP

# One build up front: the runs below select only the host layers, which do not build.
node esbuild.config.mjs --tests

for ((core = 0; core < $(nproc); core++)); do
  yes >/dev/null &
  hogs+=("$!")
done
echo "[loaded] ${#hogs[@]} x yes running; $runs runs of AAD_TEST_LAYERS=$layers"

failures=0
lines=()
for ((run = 1; run <= runs; run++)); do
  started=$SECONDS
  set +e
  AAD_TEST_LAYERS="$layers" node test/harness/run-all.mjs >"$logdir/run-$run.log" 2>&1
  status=$?
  set -e
  summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logdir/run-$run.log" | tail -1)"
  line="run $run: ${summary:-no summary line (exit $status)}; $((SECONDS - started)) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
  lines+=("$line")
  echo "[loaded] $line"
  if [ "$status" -ne 0 ]; then
    failures=$((failures + 1))
    # The failing tests and their errors, so the run can be diagnosed without rerunning it.
    grep -E '^=== |failed|Error|AssertionError|^\s+[0-9]+\) ' "$logdir/run-$run.log" | head -60 || true
    mkdir -p .test-artifacts && cp "$logdir/run-$run.log" ".test-artifacts/loaded-run-$run.log"
  fi
done

echo "[loaded] ----"
printf '[loaded] %s\n' "${lines[@]}"
echo "[loaded] $((runs - failures)) of $runs runs green"
[ "$failures" -eq 0 ]
