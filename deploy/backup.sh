#!/usr/bin/env bash
# A consistent backup of the cluster's shop database (see docs/deployment.md, "Runbook: restore").
#   deploy/backup.sh [TARGET]    TARGET defaults to <cluster>/backups/<UTC time>
# Writes into TARGET:
#   bazaar.dump      pg_dump custom format: one consistent snapshot, restored with pg_restore
#   base.tar.gz      a base backup of the whole server (pg_basebackup, tar, with the WAL it needs);
#   pg_wal.tar.gz    with the archived WAL in <cluster>/wal-archive it recovers to any moment since
#   fingerprint      rows and a checksum of orders, payments and stock at the time of the backup
# Taken from the primary; a standby would do as well for the dump (it is a snapshot either way).
set -euo pipefail
DIR="${BAZAAR_CLUSTER_DIR:-/tmp/bazaar-cluster}"
log() { echo "[backup $(date +%H:%M:%S)] $*" >&2; }
die() { log "$*"; exit 1; }
[ -f "$DIR/cluster.env" ] || die "no cluster in $DIR"
source "$DIR/cluster.env"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
TARGET="${1:-$DIR/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
[ ! -e "$TARGET/bazaar.dump" ] || die "$TARGET already holds a backup"
mkdir -p "$TARGET"; [ "$(id -u)" = 0 ] && chown postgres "$TARGET"
started=$(date +%s.%N)

# Written under a temporary name and moved at the end: a file called bazaar.dump is always whole.
as_pg "$(pg_bin)/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bazaar -Fc -Z 6 -f "$TARGET/bazaar.dump.partial"
bash "$(dirname "${BASH_SOURCE[0]}")/fingerprint.sh" "$PG_PORT" > "$TARGET/fingerprint"
mv "$TARGET/bazaar.dump.partial" "$TARGET/bazaar.dump"
log "dump: $TARGET/bazaar.dump ($(du -h "$TARGET/bazaar.dump" | cut -f1))"

as_pg "$(pg_bin)/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$TARGET/base.partial" -Ft -z -X stream --checkpoint=fast
mv "$TARGET/base.partial/base.tar.gz" "$TARGET/base.tar.gz"
mv "$TARGET/base.partial/pg_wal.tar.gz" "$TARGET/pg_wal.tar.gz"
[ -f "$TARGET/base.partial/backup_manifest" ] && mv "$TARGET/base.partial/backup_manifest" "$TARGET/backup_manifest"
rmdir "$TARGET/base.partial"
# The segment the base backup ended in goes to the archive now rather than at archive_timeout.
"$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAtX -c 'SELECT pg_switch_wal()' >/dev/null
log "base backup: $TARGET/base.tar.gz ($(du -h "$TARGET/base.tar.gz" | cut -f1)), WAL archive $DIR/wal-archive"
log "done in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s: $TARGET"
echo "$TARGET"
