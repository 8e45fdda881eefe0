#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh into a NEW PostgreSQL server (never over a running one).
#   deploy/restore.sh BACKUP PORT                    from bazaar.dump (pg_restore) into a fresh server
#   deploy/restore.sh BACKUP PORT --pitr [TIME]      from base.tar.gz and the WAL archive, replayed up
#                                                    to TIME ('2026-11-26 04:30:00+00') or to the end
# The server's data go to $RESTORE_DIR (default <cluster>/restore-PORT); it runs on 127.0.0.1:PORT
# and is left running: point the shop at it (ConnectionStrings:Shop) or make it the new primary.
# Prints the restored database's fingerprint (deploy/fingerprint.sh) to compare with the backup's.
set -euo pipefail
DIR="${BAZAAR_CLUSTER_DIR:-/tmp/bazaar-cluster}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "[restore $(date +%H:%M:%S)] $*" >&2; }
die() { log "$*"; exit 1; }
BACKUP="${1:?usage: $0 BACKUP PORT [--pitr [TIME]]}"; PORT="${2:?usage: $0 BACKUP PORT [--pitr [TIME]]}"
MODE="${3:-dump}"; TARGET_TIME="${4:-}"
DATA="${RESTORE_DIR:-$DIR/restore-$PORT}"
ARCHIVE="${WAL_ARCHIVE:-$DIR/wal-archive}"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_own() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$@"; fi; }
[ -f "$BACKUP/bazaar.dump" ] || die "$BACKUP holds no backup"
[ ! -e "$DATA/PG_VERSION" ] || die "$DATA already holds a server: restore into a new one"
if [ -n "$(ss -Htln "sport = :$PORT" 2>/dev/null)" ]; then die "port $PORT is taken"; fi
started=$(date +%s.%N)
mkdir -p "$DATA" "$DIR/logs" "$DIR/run"; chmod 700 "$DATA"; pg_own "$DATA" "$DIR/run"
touch "$DIR/logs/restore-$PORT.log"; pg_own "$DIR/logs/restore-$PORT.log"
start() {
  as_pg "$(pg_bin)/pg_ctl" -D "$DATA" -l "$DIR/logs/restore-$PORT.log" -w -t 600 start \
    -o "-p $PORT -k $DIR/run -c listen_addresses=127.0.0.1" >/dev/null
}

case "$MODE" in
  dump)
    as_pg "$(pg_bin)/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    start
    "$(pg_bin)/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAtX -c "CREATE DATABASE bazaar" >/dev/null
    "$(pg_bin)/pg_restore" -h 127.0.0.1 -p "$PORT" -U postgres -d bazaar --no-owner -j 2 "$BACKUP/bazaar.dump"
    ;;
  --pitr)
    tar -xzf "$BACKUP/base.tar.gz" -C "$DATA"
    mkdir -p "$DATA/pg_wal"; tar -xzf "$BACKUP/pg_wal.tar.gz" -C "$DATA/pg_wal"
    rm -f "$DATA/postmaster.pid" "$DATA/standby.signal"
    # A restored server is not the cluster's primary: it must not write into the cluster's archive,
    # nor wait for the cluster's standby before committing (the base backup carries both settings).
    cat >> "$DATA/postgresql.auto.conf" <<CONF
archive_mode = off
primary_conninfo = ''
synchronous_standby_names = ''
restore_command = 'cp $ARCHIVE/%f %p'
recovery_target_action = 'promote'
${TARGET_TIME:+recovery_target_time = '$TARGET_TIME'}
CONF
    touch "$DATA/recovery.signal"; pg_own "$DATA"; chmod 700 "$DATA"
    start
    for _ in $(seq 1 600); do
      [ "$("$(pg_bin)/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAtX -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break; sleep 0.5
    done
    [ "$("$(pg_bin)/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAtX -c 'SELECT pg_is_in_recovery()')" = f ] || die "recovery did not finish"
    ;;
  *) die "unknown mode $MODE (--pitr, or nothing for the dump)" ;;
esac
log "restored into 127.0.0.1:$PORT ($DATA) in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
bash "$HERE/fingerprint.sh" "$PORT"
