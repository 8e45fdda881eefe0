#!/usr/bin/env bash
# Backups and faults, tested on a cluster of their own (one `up` for both, to spare a publish):
#   1. deploy/backup.sh under no load, deploy/restore.sh into a new server: the restored orders,
#      payments and stock match the source's row counts and checksums (deploy/fingerprint.sh);
#   2. more orders after the backup, then a point-in-time restore from the base backup and the WAL
#      archive: it has them too;
#   3. CHAOS_SHORT=1 deploy/chaos.sh: the five faults under load with shortened durations.
# One line per check, "ok N - what" / "not ok N - what" (scripts/test.sh counts them). Always ends
# with `down --purge`.
set -uo pipefail
# The load comes from one client address (loopback): the shop's per-address sign-in and
# registration limits, meant for strangers, would stop it (nginx's are raised where `up` runs).
export SHOP_SIGNINS_PER_MINUTE="${SHOP_SIGNINS_PER_MINUTE:-100000}" SHOP_REGISTRATIONS_PER_HOUR="${SHOP_REGISTRATIONS_PER_HOUR:-100000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BAZAAR_CLUSTER_DIR="${BAZAAR_HA_TEST_DIR:-$(mktemp -d /tmp/bazaar-ha-test.XXXX)}"
export CLUSTER_PORT_BASE="${BAZAAR_HA_TEST_PORT_BASE:-5680}"
unset BALANCE WEIGHTS CLUSTER_NGINX_PORT CLUSTER_SHOP_PORTS CLUSTER_PG_PORT CLUSTER_STANDBY_PORT CLUSTER_REDIS_PORT CLUSTER_SANDBOX_PORT
CLUSTER="$ROOT/deploy/cluster.sh"
PRIMARY_PORT=$((CLUSTER_PORT_BASE + 10)); RESTORE_PORT=$((CLUSTER_PORT_BASE + 18)); PITR_PORT=$((CLUSTER_PORT_BASE + 19))
N=0; FAILED=0
check() { # description command...
  local what="$1" began=$SECONDS; shift
  N=$((N + 1))
  if "$@" > "$BAZAAR_CLUSTER_DIR/check.out" 2>&1; then echo "ok $N - $what"; sed 's/^/#   /' "$BAZAAR_CLUSTER_DIR/check.out" | tail -6
  else echo "not ok $N - $what"; FAILED=$((FAILED + 1)); sed 's/^/#   /' "$BAZAAR_CLUSTER_DIR/check.out" | tail -30; fi
  echo "#   ($((SECONDS - began)) s)"
}
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_restored() {
  local d; for d in "$BAZAAR_CLUSTER_DIR"/restore-*; do
    [ -f "$d/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
  done; return 0
}
finish() {
  stop_restored
  bash "$CLUSTER" down --purge >/dev/null 2>&1 || true
  echo "# backup checks: $((N - FAILED)) of $N passed${CHAOS_FAILED:+; chaos failed}"
  [ "$FAILED" -eq 0 ] && [ -z "${CHAOS_FAILED:-}" ]
}
trap 'finish; exit $?' EXIT
sql() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d bazaar -qAtX -c "$1"; }
load() { python3 "$ROOT/deploy/load.py" run "http://127.0.0.1:$CLUSTER_PORT_BASE" "$1" "$BAZAAR_CLUSTER_DIR/load-$1" --workers 4 --customers 4; }

# Reconciliation every 2 s for payments pending 5 s, and a gateway found down left alone for 5 s,
# not 1 min / 3 min / 30 s: the sandbox fault's payments must complete within the short run. Outbox
# batches stranded by the primary's loss are taken over after 25 s, not 1 min (the drain check waits for them).
up() { RATE=5000r/s BURST=10000 CONN_LIMIT=1000 RECONCILE_AFTER=00:00:05 RECONCILE_INTERVAL=00:00:02 BREAK_DURATION=00:00:05 \
  OUTBOX_LEASE=00:00:25 bash "$CLUSTER" up; }
check "up starts the cluster" up
[ "$FAILED" -eq 0 ] || exit 1

# The load's payments settle just after it ends (the gateway's notification, then the outbox moves
# the order and its stock): wait for that, so that a fingerprint taken next is the last word.
settled() { # load-dir
  local paid; paid="$(awk -F, '$4 == "paid" { print $1 }' "$1/payments.csv" | sort -u | sed "s/.*/'&'/" | paste -sd,)"
  for _ in $(seq 1 240); do
    [ "$(sql 'SELECT count(*) FROM "OutboxMessages" WHERE "ProcessedAt" IS NULL')" = 0 ] \
      && { [ -z "$paid" ] || [ "$(sql "SELECT count(*) FROM unnest(ARRAY[$paid]::uuid[]) a(id) WHERE NOT EXISTS
             (SELECT 1 FROM \"Payments\" p WHERE p.\"OrderId\" = a.id AND p.\"Status\" = 'Succeeded')")" = 0 ]; } \
      && return 0
    sleep 0.25
  done
  echo "the load's payments and events had not settled 60 s after it ended"; return 1
}

some_orders() {
  load 6 && settled "$BAZAAR_CLUSTER_DIR/load-6" || return 1
  echo "orders $(sql 'SELECT count(*) FROM "Orders"'), payments $(sql 'SELECT count(*) FROM "Payments"')"
  [ "$(sql 'SELECT count(*) FROM "Orders"')" -gt 0 ] && [ "$(sql 'SELECT count(*) FROM "Payments"')" -gt 0 ]
}
check "shoppers place orders and payments through nginx" some_orders

BACKUP="$BAZAAR_CLUSTER_DIR/backups/test"
take_backup() { bash "$ROOT/deploy/backup.sh" "$BACKUP" && [ -s "$BACKUP/bazaar.dump" ] && [ -s "$BACKUP/base.tar.gz" ]; }
check "backup.sh writes a dump and a base backup" take_backup

restore_matches() { # mode port expected-fingerprint-file
  local got; got="$(bash "$ROOT/deploy/restore.sh" "$BACKUP" "$2" ${1:+"$1"})" || return 1
  echo "source:"; cat "$3"; echo "restored:"; echo "$got"
  [ "$got" = "$(cat "$3")" ]
}
check "a restored dump has the source's orders, payments and stock (rows and checksums)" restore_matches "" "$RESTORE_PORT" "$BACKUP/fingerprint"

later_orders_archived() {
  load 4 && settled "$BAZAAR_CLUSTER_DIR/load-4" || return 1
  # The segment holding the last orders goes to the archive now; wait until the archiver has it.
  local segment; segment="$(sql 'SELECT pg_walfile_name(pg_switch_wal())')"
  for _ in $(seq 1 120); do
    [ "$(sql "SELECT coalesce(last_archived_wal >= '$segment', false) FROM pg_stat_archiver")" = t ] && break
    sleep 0.25
  done
  bash "$ROOT/deploy/fingerprint.sh" "$PRIMARY_PORT" > "$BAZAAR_CLUSTER_DIR/after-backup.fingerprint"
  ! cmp -s "$BAZAAR_CLUSTER_DIR/after-backup.fingerprint" "$BACKUP/fingerprint"
}
check "orders placed after the backup reach the WAL archive" later_orders_archived
check "a point-in-time restore (base backup + archived WAL) has the orders placed after the backup" \
  restore_matches --pitr "$PITR_PORT" "$BAZAAR_CLUSTER_DIR/after-backup.fingerprint"
stop_restored

chaos() {
  local started=$SECONDS
  CHAOS_SHORT=1 bash "$ROOT/deploy/chaos.sh"
  local rc=$?
  echo "# chaos (short) took $((SECONDS - started)) s"
  return $rc
}
# chaos.sh prints its own ok/not ok lines (scripts/test.sh counts them too).
chaos || CHAOS_FAILED=1
