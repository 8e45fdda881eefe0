#!/usr/bin/env bash
# Failover of the cluster's PostgreSQL (see docs/deployment.md, "Runbook: failover").
#   deploy/failover.sh            the primary is gone: promote the standby; the shop instances follow
#                                 by themselves (their connection string lists both servers with
#                                 Target Session Attributes=primary), nothing is restarted
#   deploy/failover.sh rebuild    make the old primary the new standby: pg_basebackup from the new
#                                 primary through a fresh replication slot, then streaming; commits
#                                 wait for it again (synchronous replication)
#   deploy/failover.sh standalone the standby is gone and will be a while: the primary commits without
#                                 waiting for it (acknowledged writes live on one server until `rebuild`)
# Uses the cluster's recorded settings (BAZAAR_CLUSTER_DIR, default /tmp/bazaar-cluster).
# Prints "promoted in N s" / "writes resumed N s after promotion" for the chaos figures.
set -euo pipefail
DIR="${BAZAAR_CLUSTER_DIR:-/tmp/bazaar-cluster}"
log() { echo "[failover $(date +%H:%M:%S)] $*" >&2; }
die() { log "$*"; exit 1; }
[ -f "$DIR/cluster.env" ] || die "no cluster in $DIR (deploy/cluster.sh up first)"
source "$DIR/cluster.env"
PRIMARY_DIR=pg-primary; STANDBY_DIR=pg-standby
if [ -f "$DIR/pg-roles" ]; then source "$DIR/pg-roles"; fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_own() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$@"; fi; }
psql_at() { local port="$1"; shift; "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }
answers() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The roles swap: the promoted server is the primary on its port, the old one the standby to be.
swap_roles() {
  printf 'PRIMARY_DIR=%s\nSTANDBY_DIR=%s\n' "$STANDBY_DIR" "$PRIMARY_DIR" > "$DIR/pg-roles.new"
  mv "$DIR/pg-roles.new" "$DIR/pg-roles"
  sed -e "s/^PG_PORT=.*/PG_PORT=$STANDBY_PORT/" -e "s/^STANDBY_PORT=.*/STANDBY_PORT=$PG_PORT/" "$DIR/cluster.env" > "$DIR/cluster.env.new"
  mv "$DIR/cluster.env.new" "$DIR/cluster.env"
}

promote() {
  # Two primaries would take writes apart from each other (split brain): a primary that still
  # answers is never failed over from. Stop it (or its machine) first if it is sick but alive.
  if answers "$PG_PORT"; then die "the primary on $PG_PORT still answers: not promoting (stop it first if it must go)"; fi
  answers "$STANDBY_PORT" || die "the standby on $STANDBY_PORT does not answer either: restore from a backup (deploy/restore.sh)"
  [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT pg_is_in_recovery()')" = t ] || die "the server on $STANDBY_PORT is not a standby"
  local started; started="$(now)"
  log "promoting the standby on $STANDBY_PORT ($DIR/$STANDBY_DIR)"
  # The promoted server has no standby of its own yet: its commits must not wait for one (its
  # configuration may carry the old primary's synchronous_standby_names, copied by pg_basebackup).
  commit_alone "$STANDBY_PORT"
  as_pg "$(pg_bin)/pg_ctl" -D "$DIR/$STANDBY_DIR" -w -t 60 promote >/dev/null
  for _ in $(seq 1 240); do
    [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break; sleep 0.25
  done
  [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT pg_is_in_recovery()')" = f ] || die "the standby did not leave recovery"
  # The old primary's data may hold writes the standby never received: it is kept aside, never
  # started again as it is, and `rebuild` replaces it with a copy of the new primary.
  if [ -f "$DIR/$PRIMARY_DIR/PG_VERSION" ]; then
    mv "$DIR/$PRIMARY_DIR" "$DIR/$PRIMARY_DIR.old-$(date +%Y%m%d%H%M%S)"
  fi
  rm -f "$DIR/started/$PRIMARY_DIR"
  local old_primary="$PG_PORT"
  swap_roles
  log "promoted in $(since "$started") s: the primary is now 127.0.0.1:$STANDBY_PORT ($STANDBY_DIR)"
  # The instances find it on their next connection; writes resume when /readyz says the database answers.
  local port ready=""
  for _ in $(seq 1 120); do
    ready=1
    for port in $SHOP_PORTS; do
      curl -sf -m 3 -o /dev/null "http://127.0.0.1:$port/readyz" || { ready=""; break; }
    done
    [ -n "$ready" ] && break; sleep 0.25
  done
  [ -n "$ready" ] || die "the shop instances did not reach the new primary within 30 s"
  log "writes resumed $(since "$started") s after promotion began (every instance ready on the new primary)"
  log "next: deploy/failover.sh rebuild  (makes 127.0.0.1:$old_primary the new standby)"
}

rebuild() {
  local data="$DIR/$STANDBY_DIR"
  answers "$PG_PORT" || die "the primary on $PG_PORT does not answer"
  if [ -f "$data/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    [ -f "$data/standby.signal" ] && { log "the standby on $STANDBY_PORT already runs"; return; }
    die "$data runs as a primary: stop it first (its data is replaced by the rebuild)"
  fi
  local started; started="$(now)"
  rm -rf "$data"; mkdir -p "$data"; pg_own "$data"; chmod 700 "$data"
  # A slot of its own on the new primary keeps the WAL the new standby has not received yet.
  local create=(-C)
  [ "$(psql_at "$PG_PORT" -d postgres -c "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'bazaar_standby'")" = 1 ] && create=()
  as_pg "$(pg_bin)/pg_basebackup" -d "application_name=bazaar_standby" -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -D "$data" -R -X stream -S bazaar_standby "${create[@]}" --checkpoint=fast >/dev/null
  # A copy of the primary's configuration: as a standby it waits for nobody.
  echo "synchronous_standby_names = ''" >> "$data/postgresql.auto.conf"
  grep -q '^hot_standby = on' "$data/postgresql.conf" || echo "hot_standby = on" >> "$data/postgresql.conf"
  touch "$DIR/logs/$STANDBY_DIR.log"; pg_own "$DIR/logs/$STANDBY_DIR.log"
  as_pg "$(pg_bin)/pg_ctl" -D "$data" -l "$DIR/logs/$STANDBY_DIR.log" -w -t 60 start \
    -o "-p $STANDBY_PORT -k $DIR/run -c listen_addresses=127.0.0.1" >/dev/null
  touch "$DIR/started/$STANDBY_DIR"
  for _ in $(seq 1 120); do
    [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT status FROM pg_stat_wal_receiver' 2>/dev/null)" = streaming ] && break; sleep 0.25
  done
  [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT status FROM pg_stat_wal_receiver')" = streaming ] || die "the rebuilt standby does not stream"
  psql_at "$PG_PORT" -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'bazaar_standby'" -c "SELECT pg_reload_conf()" >/dev/null
  log "rebuilt in $(since "$started") s: 127.0.0.1:$STANDBY_PORT streams from the primary 127.0.0.1:$PG_PORT; commits wait for it again"
  # Old copies of a failed primary are kept only until a standby is back.
  rm -rf "$DIR"/pg-*.old-*
}

# ALTER SYSTEM is allowed on a standby too (it only writes postgresql.auto.conf).
commit_alone() {
  psql_at "$1" -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null
}

standalone() {
  answers "$PG_PORT" || die "the primary on $PG_PORT does not answer"
  commit_alone "$PG_PORT"
  log "the primary on $PG_PORT commits without waiting for a standby; run 'deploy/failover.sh rebuild' to have one again"
}

case "${1:-promote}" in
  promote) promote ;;
  rebuild) rebuild ;;
  standalone) standalone ;;
  *) echo "usage: $0 [promote] | rebuild | standalone" >&2; exit 2 ;;
esac
