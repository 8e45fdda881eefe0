#!/usr/bin/env bash
# Scripted faults under continuous shopper load (deploy/load.py: browsing, cart, checkout with
# Idempotency-Keys), one after the other, each with figures. See docs/deployment.md, "Faults".
#   deploy/chaos.sh [FAULT ...]     default: kill-instance rolling-restart redis primary sandbox
#     kill-instance     kill -9 one shop instance, `cluster.sh up` brings it back
#     rolling-restart   SIGTERM each instance in turn (it drains), start it again, wait until ready
#     redis             Redis stopped for REDIS_DOWN seconds, then started again
#     primary           kill -9 the PostgreSQL primary, deploy/failover.sh promotes the standby,
#                       then `failover.sh rebuild` makes the old primary the new standby
#     sandbox           kill -9 the sandbox (payment gateway), started again after SANDBOX_DOWN s
# Each fault reports failed requests before/during/after, lost orders (every 2xx checkout exists,
# one order per key), the recovery time, and after it: the stock invariant for every SKU and the
# outbox drained. One "ok N - ..." / "not ok N - ..." line per check (scripts/test.sh counts them).
# Settings: BAZAAR_CLUSTER_DIR, CLUSTER_PORT_BASE (a running cluster, or CHAOS_OWN_CLUSTER=1 to start
# one and `down --purge` it at the end); CHAOS_SHORT=1 for CI's short durations; CHAOS_WORKERS.
set -uo pipefail
# The load comes from one client address (loopback): the shop's per-address sign-in and
# registration limits, meant for strangers, would stop it (nginx's are raised where `up` runs).
export SHOP_SIGNINS_PER_MINUTE="${SHOP_SIGNINS_PER_MINUTE:-100000}" SHOP_REGISTRATIONS_PER_HOUR="${SHOP_REGISTRATIONS_PER_HOUR:-100000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BAZAAR_CLUSTER_DIR="${BAZAAR_CLUSTER_DIR:-/tmp/bazaar-cluster}"
CLUSTER="$ROOT/deploy/cluster.sh"
if [ "${CHAOS_SHORT:-}" = 1 ]; then WARM=3; HOLD=5; AFTER=2; REDIS_DOWN=8; SANDBOX_DOWN=8
else WARM=10; HOLD=20; AFTER=10; REDIS_DOWN=30; SANDBOX_DOWN=30; fi
WORKERS="${CHAOS_WORKERS:-6}"
FAULTS=("$@"); [ ${#FAULTS[@]} -gt 0 ] || FAULTS=(kill-instance rolling-restart redis primary sandbox)
N=0; FAILED=0
OUT="$BAZAAR_CLUSTER_DIR/chaos"; FIGURES="$OUT/figures.txt"
check() { # description command...
  local what="$1"; shift
  N=$((N + 1))
  if "$@" > "$OUT/check.out" 2>&1; then echo "ok $N - $what"; sed 's/^/#   /' "$OUT/check.out" | tail -8
  else echo "not ok $N - $what"; FAILED=$((FAILED + 1)); sed 's/^/#   /' "$OUT/check.out" | tail -30; fi
}
finish() {
  [ "${CHAOS_OWN_CLUSTER:-}" = 1 ] && bash "$CLUSTER" down --purge >/dev/null 2>&1
  echo "# chaos checks: $((N - FAILED)) of $N passed"
  [ "$FAILED" -eq 0 ]
}
trap 'finish; exit $?' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
env_of() { ( source "$BAZAAR_CLUSTER_DIR/cluster.env"; echo "${!1}" ); }
sql() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$(env_of PG_PORT)" -U postgres -d bazaar -qAtX -v ON_ERROR_STOP=1 "$@"; }

if [ "${CHAOS_OWN_CLUSTER:-}" = 1 ]; then
  mkdir -p "$BAZAAR_CLUSTER_DIR"
  # One client address drives all the load: the edge limits are for the internet, not for this.
  RATE=5000r/s BURST=10000 CONN_LIMIT=1000 bash "$CLUSTER" up >"$BAZAAR_CLUSTER_DIR/up.log" 2>&1 \
    || { echo "not ok 1 - the cluster comes up"; tail -20 "$BAZAAR_CLUSTER_DIR/up.log"; exit 1; }
fi
[ -f "$BAZAAR_CLUSTER_DIR/cluster.env" ] || { echo "no cluster in $BAZAAR_CLUSTER_DIR"; exit 1; }
mkdir -p "$OUT"; : > "$FIGURES"; rm -f "$OUT/people.json" # the customers of this run, registered by its first load
NGINX="http://127.0.0.1:$(env_of NGINX_PORT)"

# ---------------------------------------------------------------- after every fault
orders_all_there() { # load dir
  local acked missing dup
  acked="$(awk -F, '$2 ~ /^2/ && $3 != "" { print $3 }' "$1/checkouts.csv" | sort -u | sed "s/.*/'&'/" | paste -sd,)"
  [ -n "$acked" ] || { echo "no checkout got a 2xx"; return 1; }
  missing="$(sql -c "SELECT count(*) FROM unnest(ARRAY[$acked]::uuid[]) a(id) WHERE NOT EXISTS (SELECT 1 FROM \"Orders\" o WHERE o.\"Id\" = a.id)")" || return 1
  dup="$(sql -c "SELECT count(*) FROM (SELECT 1 FROM \"Orders\" WHERE \"IdempotencyKey\" IN ($(awk -F, '{ print $1 }' "$1/checkouts.csv" | sed "s/.*/'&'/" | paste -sd,))
                 GROUP BY \"CustomerId\", \"IdempotencyKey\" HAVING count(*) > 1) d")" || return 1
  echo "acknowledged orders: $(tr ',' '\n' <<<"$acked" | wc -l), missing afterwards: $missing, keys with a second order: $dup"
  echo "  checkouts acknowledged: $(tr ',' '\n' <<<"$acked" | wc -l), lost: $missing, keys with two orders: $dup" >> "$FIGURES"
  [ "$missing" = 0 ] && [ "$dup" = 0 ]
}

# The books per SKU: 0 <= Reserved <= OnHand, and Reserved is the sum of the reservations held
# (orders not yet shipped or cancelled, flash-sale holds), so on hand = sold + available + reserved.
stock_invariant() {
  local broken
  broken="$(sql -c "WITH held AS (SELECT \"ProductId\" AS id, sum(\"Quantity\") AS q FROM \"StockReservations\" WHERE \"Status\" = 0 GROUP BY 1)
    SELECT count(*) FROM \"StockLevels\" s LEFT JOIN held ON held.id = s.\"ProductId\"
    WHERE NOT (s.\"Reserved\" = coalesce(held.q, 0) AND s.\"Reserved\" BETWEEN 0 AND s.\"OnHand\")")"
  echo "SKUs whose stock does not add up: $broken of $(sql -c 'SELECT count(*) FROM "StockLevels"')"
  [ "$broken" = 0 ]
}

outbox_drains() {
  local left i
  for i in $(seq 1 120); do
    left="$(sql -c 'SELECT count(*) FROM "OutboxMessages" WHERE "ProcessedAt" IS NULL' 2>/dev/null || echo '?')"
    [ "$left" = 0 ] && { echo "outbox drained $((i / 2)) s after the load" | tee -a "$FIGURES"; return 0; }
    sleep 0.5
  done
  echo "outbox: $left messages still undelivered after 60 s" | tee -a "$FIGURES"
  sql -c 'SELECT "Type", "Attempts", "LastError" FROM "OutboxMessages" WHERE "ProcessedAt" IS NULL LIMIT 5'
  return 1
}

# ---------------------------------------------------------------- load around a fault
LOAD_PID=""
start_load() { # name seconds (at most: after_fault stops it)
  LOAD_DIR="$OUT/$1"; rm -rf "$LOAD_DIR"; mkdir -p "$LOAD_DIR"
  python3 "$ROOT/deploy/load.py" run "$NGINX" "$2" "$LOAD_DIR" --workers "$WORKERS" --customers "$WORKERS" \
    --people "$OUT/people.json" > "$LOAD_DIR/load.log" 2>&1 &
  LOAD_PID=$!
  # Customers are registered before the load starts; the fault waits for the first requests.
  for _ in $(seq 1 240); do [ -s "$LOAD_DIR/requests.csv" ] && break; sleep 0.25; done
  sleep "$WARM"
}
figures() { # name fault-start fault-end: one read of the load's requests for the figures and the checks
  python3 "$ROOT/deploy/load.py" report "$LOAD_DIR" --phases "$2" "$3" > "$LOAD_DIR/phases.txt"
  { echo "$1:"; sed -n '/^whole:/q; s/^/  /p' "$LOAD_DIR/phases.txt"; } >> "$FIGURES"
}
failed_of() { # kind [during]: failed requests of that kind in the whole run (or while the fault lasted)
  awk -v k="$1" -v p="${2:-whole}:" '/^[a-z]+:$/ { in_p = ($1 == p) } in_p && $1 == k { print $4 }' "$LOAD_DIR/phases.txt" | grep . || echo 0
}
first_ok_after() { # kind epoch: seconds from epoch to the first 2xx of that kind started after it
  awk -F, -v k="$1" -v t="$2" '$2 == k && $1 >= t && $3 ~ /^2/ { if (!f || $1 < f) f = $1 } END { if (f) printf "%.1f", f - t; else print "never" }' "$LOAD_DIR/requests.csv"
}
ready() { curl -sf -m 3 -o /dev/null "http://127.0.0.1:$1/readyz"; }
shop_port() { env_of SHOP_PORTS | cut -d' ' -f"$1"; }
after_fault() { # name: the load goes on for AFTER seconds past the recovery, then stops
  sleep "$AFTER"; touch "$LOAD_DIR/stop"
  wait "$LOAD_PID"
  check "$1: every acknowledged checkout exists afterwards, one order per key" orders_all_there "$LOAD_DIR"
  check "$1: the stock adds up for every SKU" stock_invariant
  check "$1: the outbox drains" outbox_drains
}

# ---------------------------------------------------------------- the faults
fault_kill_instance() {
  start_load kill-instance 300
  local t0 t1; t0=$(now)
  kill -9 "$(cat "$BAZAAR_CLUSTER_DIR/run/shop-2.pid")"
  sleep "$HOLD"
  bash "$CLUSTER" up >> "$OUT/up.log" 2>&1
  until ready "$(shop_port 2)"; do sleep 0.25; done; t1=$(now)
  echo "kill-instance: shop-2 killed with -9, back and ready after $(secs "$t0" "$t1") s (restarted by cluster.sh up after ${HOLD} s)" >> "$FIGURES"
  after_fault kill-instance; figures kill-instance "$t0" "$t1"
  local browse; browse="$(failed_of browse)"
  check "kill-instance: no failed browsing request ($browse failed)" test "$browse" = 0
}

fault_rolling_restart() {
  start_load rolling-restart 300
  local t0 t1 i pid slowest=0 s; t0=$(now)
  for i in $(seq 1 "$(env_of INSTANCES)"); do
    local ti; ti=$(now)
    pid="$(cat "$BAZAAR_CLUSTER_DIR/run/shop-$i.pid")"
    kill -TERM "$pid"; while kill -0 "$pid" 2>/dev/null && [ "$(awk '{print $3}' /proc/$pid/stat 2>/dev/null)" != Z ]; do sleep 0.1; done
    bash "$CLUSTER" up >> "$OUT/up.log" 2>&1
    until ready "$(shop_port "$i")"; do sleep 0.25; done
    s="$(secs "$ti" "$(now)")"; echo "  shop-$i: stopped, started, ready in $s s" >> "$FIGURES"
  done
  t1=$(now)
  echo "rolling-restart: every instance restarted one by one in $(secs "$t0" "$t1") s" >> "$FIGURES"
  after_fault rolling-restart; figures rolling-restart "$t0" "$t1"
  local all; all=$(( $(failed_of browse) + $(failed_of cart) + $(failed_of checkout) ))
  check "rolling-restart: zero failed requests ($all failed)" test "$all" = 0
}

fault_redis() {
  start_load redis 300
  local t0 t1 port; port="$(env_of REDIS_PORT)"; t0=$(now)
  redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1
  sleep "$REDIS_DOWN"
  bash "$CLUSTER" up >> "$OUT/up.log" 2>&1; t1=$(now)
  echo "redis: stopped for ${REDIS_DOWN} s, answering again $(secs "$t0" "$t1") s after the stop" >> "$FIGURES"
  after_fault redis; figures redis "$t0" "$t1"
  local all; all=$(( $(failed_of browse) + $(failed_of cart) + $(failed_of checkout) ))
  check "redis: no failed request while Redis was down ($all failed)" test "$all" = 0
}

fault_primary() {
  start_load primary 300
  local t0 t1 pid; t0=$(now)
  pid="$(head -1 "$BAZAAR_CLUSTER_DIR/$(source "$BAZAAR_CLUSTER_DIR/pg-roles" 2>/dev/null; echo "${PRIMARY_DIR:-pg-primary}")/postmaster.pid")"
  kill -9 "$pid"
  # The operator's reaction time is not the shop's: the script runs failover as soon as the primary is gone.
  until ! "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$(env_of PG_PORT)" -t 1; do sleep 0.1; done
  # Writes count as resumed from the first checkout begun after the primary stopped answering
  # (one begun in the instant before the kill may still have been acknowledged by it).
  local gone; gone=$(now)
  bash "$ROOT/deploy/failover.sh" >> "$OUT/failover.log" 2>&1; t1=$(now)
  after_fault primary
  echo "primary: killed with -9, gone $(secs "$t0" "$gone") s later; failover.sh done $(secs "$t0" "$t1") s after the kill; first acknowledged checkout $(first_ok_after checkout "$gone") s after the primary was gone" >> "$FIGURES"
  grep -o 'promoted in.*\|writes resumed.*' "$OUT/failover.log" | tail -2 | sed 's/^/  /' >> "$FIGURES"
  figures primary "$t0" "$t1"
  check "primary: writes resume within 30 s of the primary's loss ($(first_ok_after checkout "$gone") s)" \
    awk -v s="$(first_ok_after checkout "$gone")" 'BEGIN { exit !(s != "never" && s <= 30) }'
  check "primary: failover.sh rebuild makes the old primary the new standby" bash "$ROOT/deploy/failover.sh" rebuild
  cat "$OUT/check.out" | grep -o 'rebuilt in.*' | sed 's/^/primary: /' >> "$FIGURES"
}

fault_sandbox() {
  start_load sandbox 300
  local t0 t1; t0=$(now)
  kill -9 "$(cat "$BAZAAR_CLUSTER_DIR/run/sandbox.pid")"
  sleep "$SANDBOX_DOWN"
  # Back is when the gateway answers, not when `up` has also looked at every other part.
  bash "$CLUSTER" up >> "$OUT/up.log" 2>&1 &
  local up_pid=$!
  until curl -sf -m 1 -o /dev/null "http://127.0.0.1:$(env_of SANDBOX_PORT)/sandbox"; do kill -0 "$up_pid" 2>/dev/null || break; sleep 0.1; done
  t1=$(now)
  wait "$up_pid"
  echo "sandbox: killed with -9, back after $(secs "$t0" "$t1") s" >> "$FIGURES"
  # The load stops AFTER seconds from now, and its shoppers then keep trying to pay what they owe.
  after_fault sandbox; figures sandbox "$t0" "$t1"
  local checkout ok; checkout="$(failed_of checkout during)"
  ok="$(awk -F, -v a="$t0" -v b="$t1" '$2 == "checkout" && $1 >= a && $1 < b && $3 ~ /^2/' "$LOAD_DIR/requests.csv" | wc -l)"
  check "sandbox: checkouts succeed while the gateway is down ($ok placed, $checkout failed)" test "$checkout" = 0 -a "$ok" -gt 0
  check "sandbox: payments that could not be made while the gateway was down are paid after it returns, none twice, none lost" \
    payments_complete "$LOAD_DIR" "$t1"
}

# payments.csv (deploy/load.py): order, first try, first failure (empty when the first try paid),
# outcome (paid | gave-up | refused-<status>), when the gateway answered "paid", tries.
payments_complete() { # load-dir gateway-back-epoch
  local dir="$1" back="$2" owed paid_ids lost=1 waited i twice gave_up
  owed="$(awk -F, '$3 != "" { print $1 }' "$dir/payments.csv" | sort -u | sed "s/.*/'&'/" | paste -sd,)"
  paid_ids="$(awk -F, '$4 == "paid" { print $1 }' "$dir/payments.csv" | sort -u | sed "s/.*/'&'/" | paste -sd,)"
  gave_up="$(awk -F, '$4 == "gave-up"' "$dir/payments.csv" | wc -l)"
  [ -n "$owed" ] || { echo "no payment failed while the gateway was down: nothing was tested"; return 1; }
  [ -n "$paid_ids" ] || { echo "no payment was made at all"; return 1; }
  # Every payment the gateway took must be paid in the shop: by its notification (sent again by a
  # restarted gateway while unacknowledged) or by the shop's reconciliation asking the gateway.
  for i in $(seq 1 240); do
    lost="$(sql -c "SELECT count(*) FROM unnest(ARRAY[$paid_ids]::uuid[]) a(id)
      WHERE NOT EXISTS (SELECT 1 FROM \"Payments\" p WHERE p.\"OrderId\" = a.id AND p.\"Status\" = 'Succeeded')")" || return 1
    [ "$lost" = 0 ] && break
    sleep 0.5
  done
  waited=$((i / 2))
  twice="$(sql -c "SELECT count(*) FROM (SELECT \"OrderId\" FROM \"Payments\" WHERE \"Status\" = 'Succeeded'
      AND \"OrderId\" IN ($paid_ids) GROUP BY 1 HAVING count(*) > 1) d")" || return 1
  # For the payments the outage held up: seconds from the gateway's return to "paid" in the shop,
  # and which door the gateway's word came through.
  local figures; figures="$(sql -F ' ' -c "WITH s AS (
      SELECT extract(epoch FROM p.\"UpdatedAt\") - $back AS after,
             EXISTS (SELECT 1 FROM \"PaymentNotifications\" n WHERE n.\"PaymentId\" = p.\"Id\"
                     AND n.\"Type\" = 'trade_status_sync' AND n.\"ReceivedAt\" <= p.\"UpdatedAt\") AS notified
      FROM \"Payments\" p WHERE p.\"Status\" = 'Succeeded' AND p.\"OrderId\" IN ($owed))
    SELECT count(*), count(*) FILTER (WHERE notified), count(*) FILTER (WHERE NOT notified),
           round(coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY after), 0)::numeric, 1),
           round(coalesce(max(after), 0)::numeric, 1) FROM s")" || return 1
  local n_paid by_notice by_reconcile median slowest
  read -r n_paid by_notice by_reconcile median slowest <<<"$figures"
  local n_owed; n_owed="$(tr ',' '\n' <<<"$owed" | wc -l)"
  local refused503; refused503="$(awk -F, -v b="$back" '$2 == "pay" && $3 == 503 && $1 < b' "$dir/requests.csv" | wc -l)"
  local line="payments held up by the outage: $n_owed (pay requests answered 503 before the gateway was back: $refused503);"
  line+=" paid afterwards: $n_paid ($by_notice by the gateway's notification, $by_reconcile by reconciliation),"
  line+=" $median s (median) / $slowest s (slowest) after the gateway was back; shoppers who gave up: $gave_up;"
  line+=" payments the gateway took: $(tr ',' '\n' <<<"$paid_ids" | wc -l), missing in the shop: $lost (waited ${waited} s), orders paid twice: $twice"
  echo "$line"; echo "  $line" >> "$FIGURES"
  [ "$n_paid" = "$n_owed" ] && [ "$lost" = 0 ] && [ "$twice" = 0 ] && [ "$gave_up" = 0 ]
}

for f in "${FAULTS[@]}"; do
  began=$SECONDS
  case "$f" in
    kill-instance|rolling-restart|redis|primary|sandbox) "fault_${f//-/_}"; echo "# $f took $((SECONDS - began)) s" ;;
    *) echo "unknown fault $f"; exit 2 ;;
  esac
done
echo "# figures ($FIGURES):"; sed 's/^/# /' "$FIGURES"
