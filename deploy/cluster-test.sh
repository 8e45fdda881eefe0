#!/usr/bin/env bash
# The cluster script, tested as an operator would use it: `up` on a fresh state directory and ports
# of its own, a second `up`, `status`, pages through nginx, the standby streaming, a killed
# instance (and Prometheus firing its instance-down alert), `down`. One line per check, "ok N - what" or "not ok N - what"; exits 1 on any failure.
# scripts/test.sh runs it and counts the lines. Always ends with `down --purge`.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BAZAAR_CLUSTER_DIR="${BAZAAR_CLUSTER_TEST_DIR:-$(mktemp -d /tmp/bazaar-cluster-test.XXXX)}"
export CLUSTER_PORT_BASE="${BAZAAR_CLUSTER_TEST_PORT_BASE:-5580}"
# Prometheus too, with deploy/prometheus/'s rules: the instance-down alert is checked for real.
export PROMETHEUS=1
unset BALANCE WEIGHTS CLUSTER_NGINX_PORT CLUSTER_SHOP_PORTS CLUSTER_PG_PORT CLUSTER_STANDBY_PORT CLUSTER_REDIS_PORT CLUSTER_SANDBOX_PORT CLUSTER_PROMETHEUS_PORT
PROMETHEUS_URL="http://127.0.0.1:$((CLUSTER_PORT_BASE + 14))"
CLUSTER="$ROOT/deploy/cluster.sh"
NGINX="http://127.0.0.1:$CLUSTER_PORT_BASE"
STANDBY_PORT=$((CLUSTER_PORT_BASE + 11)); PRIMARY_PORT=$((CLUSTER_PORT_BASE + 10))
N=0; FAILED=0
check() { # description command...
  local what="$1"; shift
  N=$((N + 1))
  if "$@" > "$BAZAAR_CLUSTER_DIR/check.out" 2>&1; then echo "ok $N - $what"; tail -1 "$BAZAAR_CLUSTER_DIR/check.out" | grep -E '[0-9]' | sed 's/^/#   /'
  else echo "not ok $N - $what"; FAILED=$((FAILED + 1)); sed 's/^/#   /' "$BAZAAR_CLUSTER_DIR/check.out" | tail -40; fi
}
finish() {
  bash "$CLUSTER" down --purge >/dev/null 2>&1 || true
  echo "# cluster checks: $((N - FAILED)) of $N passed"
  if [ "$FAILED" -eq 0 ]; then exit 0; else exit 1; fi
}
trap finish EXIT
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
sql() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$1" -U postgres -d bazaar -qAtX -c "$2"; }
pids() { cat "$BAZAAR_CLUSTER_DIR"/run/*.pid "$BAZAAR_CLUSTER_DIR/nginx/nginx.pid" 2>/dev/null | sort | tr '\n' ' '; }

up() { bash "$CLUSTER" up; }
check "up starts the cluster" up
[ "$FAILED" -eq 0 ] || exit 1

second_up_is_harmless() {
  local before; before="$(pids)"
  bash "$CLUSTER" up || return 1
  [ "$(pids)" = "$before" ] || { echo "processes changed: '$before' -> '$(pids)'"; return 1; }
}
check "a second up starts nothing new" second_up_is_harmless

check "status reports every part healthy" bash "$CLUSTER" status

page_through_nginx() {
  local id body
  id="$(sql "$PRIMARY_PORT" 'SELECT min("Id") FROM "Products" WHERE "IsPublished"')"
  body="$(curl -sf "$NGINX/products/$id")" || { echo "GET /products/$id through nginx failed"; return 1; }
  grep -qE '/css/site\.([a-z0-9]+\.)?css' <<<"$body" || { echo "not the product page: ${body:0:300}"; return 1; }
}
check "a product page is served through nginx" page_through_nginx

static_from_nginx() {
  # Only nginx's static location sets these Cache-Control values; the shop's own answer differs.
  local plain versioned
  plain="$(curl -sf -D - -o /dev/null "$NGINX/css/site.css")" || return 1
  versioned="$(curl -sf -D - -o /dev/null -H 'Accept-Encoding: gzip' "$NGINX/css/site.css?v=abc")" || return 1
  echo "$plain$versioned"
  grep -qi '^cache-control: public, max-age=3600' <<<"$plain" \
    && grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$versioned" \
    && grep -qi '^content-encoding: gzip' <<<"$versioned"
}
check "static assets come from nginx, not from an instance" static_from_nginx

spread_over_instances() {
  for _ in $(seq 1 9); do curl -sf -o /dev/null "$NGINX/healthz" || return 1; done
  local used; used="$(tail -9 "$BAZAAR_CLUSTER_DIR/logs/nginx-access.log" | grep -o 'upstream=[0-9.:]*' | sort -u | wc -l)"
  echo "instances used: $used"; [ "$used" -eq 3 ]
}
check "round robin spreads requests over all three instances" spread_over_instances

standby_streams() {
  [ "$(sql "$STANDBY_PORT" 'SELECT pg_is_in_recovery()')" = t ] || { echo "the standby is not in recovery"; return 1; }
  [ "$(sql "$STANDBY_PORT" 'SELECT status FROM pg_stat_wal_receiver')" = streaming ] || { echo "no streaming WAL receiver"; return 1; }
  [ "$(sql "$PRIMARY_PORT" "SELECT active FROM pg_replication_slots WHERE slot_name = 'bazaar_standby'")" = t ] || { echo "slot inactive"; return 1; }
  # An acknowledged commit is on the standby's disk too: a failover cannot lose it.
  local sync; sync="$(sql "$PRIMARY_PORT" "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'bazaar_standby'")"
  [ "$sync" = sync ] || { echo "the standby is not synchronous (sync_state '$sync')"; return 1; }
  # What the shop wrote on the primary (the seeded catalog, a row written now) is readable on the standby.
  local marker="cluster-test-$$-$RANDOM"
  sql "$PRIMARY_PORT" "CREATE TABLE IF NOT EXISTS cluster_test_marker (v text); INSERT INTO cluster_test_marker VALUES ('$marker')" >/dev/null
  local i; for i in $(seq 1 40); do
    [ "$(sql "$STANDBY_PORT" "SELECT count(*) FROM cluster_test_marker WHERE v = '$marker'" 2>/dev/null)" = 1 ] && break; sleep 0.25
  done
  [ "$(sql "$STANDBY_PORT" 'SELECT count(*) FROM "Products"')" = "$(sql "$PRIMARY_PORT" 'SELECT count(*) FROM "Products"')" ] \
    && [ "$(sql "$STANDBY_PORT" "SELECT count(*) FROM cluster_test_marker WHERE v = '$marker'")" = 1 ]
}
check "the standby streams synchronously from the primary and has its rows" standby_streams

killed_instance() {
  kill -9 "$(cat "$BAZAAR_CLUSTER_DIR/run/shop-2.pid")"
  date +%s > "$BAZAAR_CLUSTER_DIR/killed-at"
  local i code failed=0
  for i in $(seq 1 12); do code="$(curl -s -o /dev/null -w '%{http_code}' "$NGINX/")"; [ "$code" = 200 ] || failed=$((failed + 1)); done
  echo "failed GETs with one instance killed: $failed of 12"; [ "$failed" -eq 0 ]
}
check "GETs keep succeeding when an instance is killed" killed_instance

instance_down_alert_fires() {
  # The rule: up == 0 for 1 minute. With 15-s scrapes and evaluations it fires 60-90 s after the kill.
  local killed port alerts i; killed="$(cat "$BAZAAR_CLUSTER_DIR/killed-at")"
  port=$((CLUSTER_PORT_BASE + 2)) # shop-2: the ports are base+1.. (CLUSTER_SHOP_PORTS unset above)
  for i in $(seq 1 90); do
    alerts="$(curl -sf "$PROMETHEUS_URL/api/v1/alerts")" || alerts=""
    if python3 -c '
import json, sys
port = sys.argv[1]
alerts = json.loads(sys.stdin.read() or "{}").get("data", {}).get("alerts", [])
sys.exit(0 if any(a["labels"].get("alertname") == "BazaarInstanceDown" and a["state"] == "firing"
                  and a["labels"].get("instance", "").endswith(":" + port) for a in alerts) else 1)' "$port" <<<"$alerts"; then
      echo "BazaarInstanceDown firing for 127.0.0.1:$port $(( $(date +%s) - killed )) s after the kill (rule: for 1m, 15-s scrapes)"
      return 0
    fi
    sleep 2
  done
  echo "no firing BazaarInstanceDown for port $port within $(( $(date +%s) - killed )) s; alerts: ${alerts:0:600}"; return 1
}
check "Prometheus fires the instance-down alert for the killed instance" instance_down_alert_fires

check "up brings the killed instance back" up

down_stops_everything() {
  bash "$CLUSTER" down || return 1
  local port
  for port in $(seq "$CLUSTER_PORT_BASE" $((CLUSTER_PORT_BASE + 14))); do
    if [ -n "$(ss -Htln "sport = :$port")" ]; then echo "still listening on $port"; return 1; fi
  done
  ! ls "$BAZAAR_CLUSTER_DIR"/started/* >/dev/null 2>&1
}
check "down stops everything up started" down_stops_everything
