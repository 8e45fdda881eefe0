#!/usr/bin/env bash
# The Prometheus configuration and alert rules, checked as CI checks them: promtool (Debian's
# `prometheus` package, installed with apt-get when missing) checks the scrape configuration and
# the rules, then runs the rules' unit tests (rules.test.yml). One line per check, "ok N - what" or
# "not ok N - what"; exits 1 on any failure. scripts/test.sh runs it and counts the lines.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
N=0; FAILED=0
OUT="$(mktemp)"; trap 'rm -f "$OUT"' EXIT

check() { # description command...
  local what="$1"; shift
  N=$((N + 1))
  if "$@" > "$OUT" 2>&1; then echo "ok $N - $what"
  else echo "not ok $N - $what"; FAILED=$((FAILED + 1)); sed 's/^/#   /' "$OUT" | tail -40; fi
}

if ! command -v promtool >/dev/null; then
  echo "# installing prometheus (for promtool)" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus; } >&2
  # The package starts its own server on :9090 where an init system runs; this script wants only promtool.
  if command -v service >/dev/null; then service prometheus stop >/dev/null 2>&1 || true; fi
fi

check "promtool is installed" command -v promtool
# check config also checks the rule files it names.
check "prometheus.yml is a valid configuration" promtool check config "$HERE/prometheus.yml"
check "rules.yml is valid" promtool check rules "$HERE/rules.yml"
check "every alert fires on its trouble and stays quiet without (rules.test.yml)" \
  bash -c "cd '$HERE' && promtool test rules rules.test.yml"
# What the rules read must be what the shop exports: each metric name in rules.yml is one the
# tests of tests/Bazaar.Tests/Telemetry see on /metrics, or one Prometheus makes itself.
known_names() {
  local name missing=0
  for name in $(grep -o '\b\(bazaar\|http_server\)_[a-z_]*' "$HERE/rules.yml" | grep -v '^bazaar:' | sort -u); do
    case "$name" in
      http_server_request_duration_seconds_count|http_server_request_duration_seconds_bucket) ;;
      bazaar_orders_placed_total|bazaar_payments_total|bazaar_stock_reservations_total) ;;
      bazaar_flash_sale_attempts_total|bazaar_flash_sale_wins_total) ;;
      bazaar_outbox_backlog|bazaar_outbox_oldest_age_seconds|bazaar_replication_lag_seconds) ;;
      *) echo "rules.yml reads $name, which the shop does not export"; missing=1 ;;
    esac
  done
  return "$missing"
}
check "the rules read only metrics the shop exports" known_names

echo "# prometheus checks: $((N - FAILED)) of $N passed"
[ "$FAILED" -eq 0 ]
