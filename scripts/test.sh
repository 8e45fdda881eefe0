#!/usr/bin/env bash
# The one test command: installs and starts PostgreSQL, Redis and Chromium when missing, builds,
# runs every test project (unit, integration on SQLite and on PostgreSQL+Redis, browser) and the cluster
# script tests (deploy/cluster-test.sh, deploy/ha-test.sh, scripts/sqlmap.sh), stops what it started, and ends with one line: "Tests: N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

finish() {
  local passed=0 failed=0
  for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    local counters
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
    t="$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")"
    a="$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  done
  passed=$((passed + SCRIPT_PASSED))
  failed=$((failed + EXTRA_FAILURES + SCRIPT_FAILED))
  bash "$ROOT/scripts/test-services.sh" stop || true
  # Where the time went (CI allows 30 minutes for all of it).
  printf '%s\n' "${TIMINGS[@]}"
  echo "# whole run: $SECONDS s"
  echo "Tests: $passed passed, $failed failed"
  if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
  exit 0
}
EXTRA_FAILURES=0
TIMINGS=()
timed() { TIMINGS+=("# $1: $(($SECONDS - $2)) s"); }
SCRIPT_PASSED=0
SCRIPT_FAILED=0

ENV_FILE="$(bash "$ROOT/scripts/test-services.sh" start)" || { echo "could not start the test servers" >&2; EXTRA_FAILURES=1; finish; }
# shellcheck disable=SC1090
source "$ENV_FILE"

began=$SECONDS
timed "test servers" 0
if ! dotnet build Bazaar.slnx -nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed" >&2
  EXTRA_FAILURES=1
  finish
fi
timed build "$began"

run_project() {
  local name="$1" began=$SECONDS
  # A crashed test host leaves no complete TRX; count it as a failure rather than as nothing.
  if ! dotnet test "tests/$name" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=2700000; then
    if ! grep -q '<Counters' "$RESULTS/$name.trx" 2>/dev/null; then EXTRA_FAILURES=$((EXTRA_FAILURES + 1)); fi
  fi
  timed "$name" "$began"
}

# A script test prints "ok N - ..." / "not ok N - ..." per check; each line counts as one test, and a
# script that fails without saying which check failed counts as one failure.
run_script() {
  local out="$RESULTS/$(basename "$1" .sh).txt" rc=0 began=$SECONDS
  bash "$1" 2>&1 | tee "$out" || rc=$?
  local ok notok
  ok="$(grep -c '^ok ' "$out" || true)"; notok="$(grep -c '^not ok ' "$out" || true)"
  SCRIPT_PASSED=$((SCRIPT_PASSED + ok)); SCRIPT_FAILED=$((SCRIPT_FAILED + notok))
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then SCRIPT_FAILED=$((SCRIPT_FAILED + 1)); fi
  timed "$1" "$began"
}

run_project Bazaar.Tests
# The Prometheus scrape configuration and alert rules: promtool check, and the rules' unit tests.
run_script deploy/prometheus/check.sh
# Both clusters below run the same Release publish, made once (a publish is a minute or two of the run).
began=$SECONDS
export CLUSTER_PUBLISHED="$(mktemp -d /tmp/bazaar-published.XXXX)"
bash deploy/cluster.sh publish "$CLUSTER_PUBLISHED" || echo "the Release publish failed: the cluster tests will say so" >&2
timed "Release publish for the clusters" "$began"
# The cluster (deploy/cluster.sh up, status, down) on ports and a state directory of its own.
run_script deploy/cluster-test.sh
# Backups restored and compared, then the five faults under load (CHAOS_SHORT), on a cluster of their own.
run_script deploy/ha-test.sh
# sqlmap against the search, product, cart and order endpoints of a shop on the test PostgreSQL; its verdict
# line "sqlmap: N injectable parameters" is in the output, each target an ok/not ok line.
BAZAAR_SQLMAP_DATABASE=Postgres run_script scripts/sqlmap.sh
rm -rf "$CLUSTER_PUBLISHED"
run_project Bazaar.BrowserTests
finish
